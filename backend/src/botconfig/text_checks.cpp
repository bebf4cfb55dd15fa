#include "botconfig/text_checks.hpp"

#include "common/utf8.hpp"

namespace nbdash::botconfig {

bool is_utf8_text(std::string_view text) {
    return text.find('\0') == std::string_view::npos && is_well_formed_utf8(text);
}

}  // namespace nbdash::botconfig
