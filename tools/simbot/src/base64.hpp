#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace simbot {

// Standard alphabet with '=' padding.
std::string base64_encode(std::string_view bytes);

// Decodes standard base64 (padding optional); nullopt on any other character or bad length.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace simbot
