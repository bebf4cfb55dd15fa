#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace simbot {

inline constexpr std::size_t kMaxBigReplyBytes = 4 * 1024 * 1024;

// Deterministic token counts: the same input and persona always give the same numbers.
long long prompt_tokens_for(std::size_t input_bytes, std::size_t persona_bytes);
long long completion_tokens_for(std::size_t reply_bytes);

// Usage dict as in turn_end.usage (interface ref 6.1). `with_total` false drops total_tokens
// to imitate providers that do not report it.
nlohmann::json make_usage(long long prompt_tokens, long long completion_tokens,
                          long long request_count, bool with_total = true);

// "[<persona>] You said: <input>. (turn <n>)", plus a note naming the attachments when there
// are any ("I received 2 attachments: a.png, b.pdf."). The input is kept verbatim.
std::string compose_reply(std::string_view persona, std::string_view input, int turn_number,
                          const std::vector<std::string>& attachment_names = {});

// The answer segment for a message folded into a running turn.
std::string compose_followup(std::string_view persona, std::string_view input);

// Exactly `bytes` bytes (capped at kMaxBigReplyBytes) of numbered ASCII lines.
std::string make_big_reply(std::size_t bytes);

// Chinese text plus emoji ZWJ sequences, to test multi-byte-safe streaming.
std::string emoji_reply(std::string_view persona);

std::string help_text();
std::string status_text(const std::string& model, int message_count, int turn_count);

}  // namespace simbot
