#pragma once

#include <map>
#include <string>
#include <string_view>

namespace simbot {

struct RequestTarget {
    std::string path;                          // percent-decoded, without the query
    std::map<std::string, std::string> query;  // first value wins for repeated keys
};

// Splits "/ws?client_id=a&token=b" into path and decoded query parameters ('+' = space).
RequestTarget parse_target(std::string_view target);

// "%41b+c" -> "Ab c" (with `plus_is_space`); malformed escapes are kept literally.
std::string percent_decode(std::string_view text, bool plus_is_space);

// Compares secrets in time independent of where they first differ.
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace simbot
