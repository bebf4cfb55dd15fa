#include "client_frame.hpp"

#include "ids.hpp"
#include "server_frames.hpp"

namespace simbot {

namespace {

ClientFrame parse_legacy_object(const nlohmann::json& obj)
{
    for (const char* key : {"content", "text", "message"}) {
        const auto it = obj.find(key);
        if (it != obj.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
            return LegacyText{it->get<std::string>()};
        }
    }
    return IgnoredFrame{};
}

ClientFrame parse_message(const nlohmann::json& obj)
{
    const auto id_it = obj.find("chat_id");
    if (id_it == obj.end() || !id_it->is_string() ||
        !is_valid_chat_id(id_it->get_ref<const std::string&>())) {
        return RejectedFrame{error_frame("invalid chat_id")};
    }
    const std::string chat_id = id_it->get<std::string>();

    UserMessage msg{chat_id, "", nullptr};
    const auto media_it = obj.find("media");
    if (media_it != obj.end() && !media_it->is_null()) {
        msg.media = *media_it;
    }
    const auto content_it = obj.find("content");
    if (content_it != obj.end() && content_it->is_string()) {
        msg.content = content_it->get<std::string>();
    }
    if (msg.content.size() > kMaxContentBytes) {
        return RejectedFrame{error_frame("message_rejected", chat_id, "text_too_large")};
    }
    const bool has_media = msg.media.is_array() && !msg.media.empty();
    if (msg.content.empty() && !has_media) {
        return RejectedFrame{error_frame("missing content", chat_id)};
    }
    return msg;
}

}  // namespace

ClientFrame parse_client_frame(std::string_view text)
{
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        if (text.empty()) {
            return IgnoredFrame{};
        }
        return LegacyText{std::string(text)};
    }
    if (!doc.is_object()) {
        return RejectedFrame{error_frame("invalid frame: expected a JSON object")};
    }

    const auto type_it = doc.find("type");
    if (type_it == doc.end() || !type_it->is_string()) {
        return parse_legacy_object(doc);
    }
    const std::string& type = type_it->get_ref<const std::string&>();
    if (type == "new_chat") {
        return NewChat{};
    }
    if (type == "attach") {
        const auto id_it = doc.find("chat_id");
        if (id_it == doc.end() || !id_it->is_string() ||
            !is_valid_chat_id(id_it->get_ref<const std::string&>())) {
            return RejectedFrame{error_frame("invalid chat_id")};
        }
        return AttachChat{id_it->get<std::string>()};
    }
    if (type == "message") {
        return parse_message(doc);
    }
    return RejectedFrame{error_frame("unknown type: '" + type + "'")};
}

}  // namespace simbot
