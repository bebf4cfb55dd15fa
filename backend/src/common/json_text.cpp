#include "common/json_text.hpp"

#include "common/json.hpp"
#include "common/utf8.hpp"

namespace nbdash {

void append_json_string(std::string& out, std::string_view value) {
    // Ill-formed text is rare (frames from bots are parsed, which refuses it); dump_json then
    // decides the replacement, so the two writers never disagree.
    if (!is_well_formed_utf8(value)) {
        out += dump_json(Json(std::string(value)));
        return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + value.size() + 2);
    out += '"';
    std::size_t plain = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(value.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    out.append(value.data() + plain, value.size() - plain);
    out += '"';
}

}  // namespace nbdash
