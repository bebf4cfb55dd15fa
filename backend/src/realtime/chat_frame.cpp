#include "realtime/chat_frame.hpp"

#include "common/json_text.hpp"

namespace nbdash::realtime {

std::string chat_text_frame(std::string_view type, std::string_view bot_id,
                            std::string_view request_id, std::string_view text) {
    std::string out;
    out.reserve(64 + bot_id.size() + request_id.size() + text.size() + type.size());
    out += "{\"bot_id\":";
    append_json_string(out, bot_id);
    out += ",\"request_id\":";
    append_json_string(out, request_id);
    out += ",\"text\":";
    append_json_string(out, text);
    out += ",\"type\":";
    append_json_string(out, type);
    out += '}';
    return out;
}

}  // namespace nbdash::realtime
