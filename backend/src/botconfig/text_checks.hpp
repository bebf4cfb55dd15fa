// Checks on text the operator sends for a bot's files.
#pragma once

#include <string_view>

namespace nbdash::botconfig {

// Well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF) without NUL.
bool is_utf8_text(std::string_view text);

}  // namespace nbdash::botconfig
