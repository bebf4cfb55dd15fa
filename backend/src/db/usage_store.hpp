// Usage sums for reports, read from the hourly rollups for whole hours and from the raw
// bot_request_usage rows for the partial hours at either end of the range, so every answer
// matches the raw rows exactly. Also the bots' own token ledgers (bot_usage_ledger).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"
#include "usage/ledger_file.hpp"
#include "usage/usage_query.hpp"
#include "usage/usage_report.hpp"

namespace nbdash::db {

struct UsageSumsAnswer {
    std::string from;  // the range actually summed, ISO 8601 UTC
    std::string to;
    std::string from_local_day;           // the date in tz at which the range starts
    std::vector<usage::UsagePart> parts;  // sorted by the group keys
};

struct SourcesQuery {
    std::string from_day;  // YYYY-MM-DD, inclusive
    std::string to_day;    // inclusive
    std::optional<std::string> bot_id;
    bool by_day = false;
    bool by_bot = false;
};

// One row of spend by source; model is what cost is priced with ("" = none known).
struct SourcesPart {
    std::string day;     // "" unless grouped by day
    std::string bot_id;  // "" unless grouped by bot
    std::string source;
    std::string provider;
    std::string model;
    std::int64_t requests = 0;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t total_tokens = 0;
};

class UsageStore {
public:
    explicit UsageStore(Database& db);

    // Throws ClientError: invalid_date (a bound PostgreSQL cannot read), invalid_tz (a zone it
    // does not know), invalid_range (from after to, or more than 400 days).
    boost::asio::awaitable<UsageSumsAnswer> sums(usage::UsageQuery query);

    // Replaces the stored days of the bot's ledger with these (the bot rewrites past days too);
    // model is the bot's configured model, used to price ledger sources. Answers true.
    boost::asio::awaitable<bool> store_ledger(std::string bot_id, std::string model,
                                              std::vector<usage::LedgerEntry> entries);

    // Dashboard requests from the rollups plus the ledger's other sources, by UTC day; the
    // ledger's user source has the dashboard's own turns taken out (never below 0).
    boost::asio::awaitable<std::vector<SourcesPart>> sources(SourcesQuery query);

private:
    Database& db_;
};

}  // namespace nbdash::db
