// nanobot's own token ledger, <bot data>/webui/token-usage.json: per day and per source (user,
// api, cron, dream, system) the requests and tokens of every model call the gateway made,
// whichever channel or job caused it. The file is written by the bot, so it is read as hostile
// input: bounded in size, every number checked, anything unexpected skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"

namespace nbdash::usage {

inline constexpr std::size_t kMaxLedgerFileBytes = 4 * 1024 * 1024;

struct LedgerEntry {
    std::string day;  // YYYY-MM-DD, in the bot's own time zone
    std::string source;
    std::int64_t requests = 0;
    std::int64_t prompt_tokens = 0;
    std::int64_t completion_tokens = 0;
    std::int64_t total_tokens = 0;
    std::int64_t cached_tokens = 0;
};

// One entry per day and source found in the file; days without a sources map count as source
// "user". Throws std::invalid_argument when the text is not a ledger at all.
std::vector<LedgerEntry> parse_ledger(std::string_view text);

// The model a bot's ledger spend is priced with: agents.defaults.model of its config.json,
// prefixed with agents.defaults.provider when one is pinned; "" when none is set.
std::string ledger_model(const Json& config);

}  // namespace nbdash::usage
