// Standard base64 (RFC 4648, "+/" alphabet) for files carried in JSON bodies and data URLs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nbdash {

std::string base64_encode(std::string_view bytes);

// Strict decoding: only the standard alphabet, padding optional but never in the middle, no
// whitespace. Returns nullopt on anything else, so a garbled upload is refused, not guessed at.
std::optional<std::string> base64_decode(std::string_view text);

// The decoded size of well-formed base64 text, computed without decoding (for early size checks).
std::size_t base64_decoded_size(std::string_view text);

}  // namespace nbdash
