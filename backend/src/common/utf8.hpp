// UTF-8 as the rest of the code accepts it.
#pragma once

#include <string_view>

namespace nbdash {

// Well-formed UTF-8: no overlong forms, surrogates or values past U+10FFFF (NUL is allowed).
bool is_well_formed_utf8(std::string_view text);

}  // namespace nbdash
