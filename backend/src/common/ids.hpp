// Identifiers and secrets: bot ids, request ids, random tokens.
#pragma once

#include <string>
#include <string_view>

namespace nbdash {

// A bot id names a folder and a container, so it is a strict slug: ^[a-z][a-z0-9-]{1,62}$.
bool is_valid_bot_id(std::string_view id);

// A bot's display name with surrounding spaces removed; throws ClientError("invalid_name") when
// nothing is left, it is over 128 bytes or holds control characters.
std::string checked_bot_name(std::string_view name);

// Cryptographically random bytes, hex encoded (2 * bytes characters).
std::string random_hex(std::size_t bytes);

// A random RFC 4122 version 4 UUID in its canonical text form.
std::string new_uuid();

// Constant-time comparison of two secrets of any length.
bool secrets_equal(std::string_view a, std::string_view b);

// Hex-encoded BLAKE2b digest, used to key stored tokens so a lookup never compares secrets.
std::string token_digest(std::string_view token);

}  // namespace nbdash
