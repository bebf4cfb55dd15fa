// Keeps secrets out of the event log. Events are written from many places (lifecycle, chat
// commands, config changes, alerts), some carrying text a user or a bot wrote, so the store
// redacts every event on its way in rather than trusting each writer.
#pragma once

#include <string>
#include <string_view>

#include "common/json.hpp"

namespace nbdash::db {

inline constexpr const char* kRedacted = "[redacted]";

// True for a key naming a secret: password, secret, API key, token, authorization, cookie,
// credential, private key. Case, '_', '-', '.' and spaces are ignored. Token counts are not
// secrets: a key with "tokens" in it (input_tokens, total_tokens, max_tokens) is kept.
bool is_secret_key(std::string_view key);

// text with the value of every "key=value" / "key: value" pair whose key names a secret
// replaced by "[redacted]" (quoted values whole; "Authorization: Bearer x" and Cookie headers
// to the end of the line).
std::string redact_text(std::string_view text);

// metadata with the value under every secret key, at any depth, replaced by "[redacted]",
// and every string redacted as text.
Json redact_metadata(const Json& metadata);

}  // namespace nbdash::db
