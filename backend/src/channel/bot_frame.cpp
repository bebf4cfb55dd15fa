#include "channel/bot_frame.hpp"

#include <map>

namespace nbdash::channel {

namespace {

FrameType type_of(const std::string& event) {
    static const std::map<std::string, FrameType> types = {
        {"ready", FrameType::kReady},
        {"attached", FrameType::kAttached},
        {"delta", FrameType::kDelta},
        {"stream_end", FrameType::kStreamEnd},
        {"message", FrameType::kMessage},
        {"reasoning_delta", FrameType::kReasoningDelta},
        {"reasoning_end", FrameType::kReasoningEnd},
        {"turn_end", FrameType::kTurnEnd},
        {"error", FrameType::kError},
        {"session_updated", FrameType::kSessionUpdated},
        {"runtime_model_updated", FrameType::kRuntimeModelUpdated},
        {"turn_model_updated", FrameType::kTurnModelUpdated},
        {"goal_status", FrameType::kGoalStatus},
        {"goal_state", FrameType::kGoalState},
        {"file_edit", FrameType::kKnownIgnored},
        {"message_accepted", FrameType::kKnownIgnored},
        {"user_message", FrameType::kKnownIgnored},
        {"webui_response", FrameType::kKnownIgnored},
        {"sidebar_state_updated", FrameType::kKnownIgnored},
        {"transcription_result", FrameType::kKnownIgnored},
        {"transcription_error", FrameType::kKnownIgnored},
    };
    auto it = types.find(event);
    return it == types.end() ? FrameType::kUnknown : it->second;
}

std::optional<std::string> string_field(const Json& object, const char* name) {
    auto it = object.find(name);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

}  // namespace

BotFrame parse_bot_frame(std::string_view text) {
    BotFrame frame;
    auto object = parse_json_object(text);
    if (!object) return frame;
    auto event = string_field(*object, "event");
    // A frame without an event name cannot be counted as a type: it is as good as unparseable.
    if (!event || event->empty()) return frame;

    frame.event = *event;
    frame.type = type_of(*event);
    frame.chat_id = string_field(*object, "chat_id");
    if (auto t = string_field(*object, "text")) {
        frame.text = std::move(*t);
        frame.has_text = true;
    }
    frame.stream_id = string_field(*object, "stream_id");
    frame.kind = string_field(*object, "kind");
    frame.resuming = object->value("resuming", false) == true;
    if (auto it = object->find("usage"); it != object->end() && it->is_object()) {
        frame.usage = *it;
    }
    if (auto it = object->find("latency_ms"); it != object->end() && it->is_number()) {
        frame.latency_ms = it->get<std::int64_t>();
    }
    if (auto it = object->find("media"); it != object->end() && it->is_array()) {
        frame.media = *it;
    }
    frame.reply_to = string_field(*object, "reply_to");
    frame.model_name = string_field(*object, "model_name");
    frame.detail = string_field(*object, "detail");
    return frame;
}

std::string message_frame(const std::string& chat_id, const std::string& content,
                          const Json& media) {
    Json frame = {{"type", "message"}, {"chat_id", chat_id}, {"content", content}};
    if (media.is_array() && !media.empty()) frame["media"] = media;
    return dump_json(frame);
}

std::string attach_frame(const std::string& chat_id) {
    return dump_json({{"type", "attach"}, {"chat_id", chat_id}});
}

}  // namespace nbdash::channel
