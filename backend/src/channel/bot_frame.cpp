#include "channel/bot_frame.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace nbdash::channel {

namespace bjson = boost::json;

namespace {

FrameType type_of(std::string_view event) {
    static const std::map<std::string, FrameType, std::less<>> types = {
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

std::optional<std::string> string_field(const bjson::object& object, std::string_view name) {
    const bjson::value* field = object.if_contains(name);
    if (!field || !field->is_string()) return std::nullopt;
    const auto& text = field->get_string();
    return std::string(text.data(), text.size());
}

// A whole number that fits in 64 bits; a fraction is cut off. Anything else (out of range, not
// a number) is as good as absent: a bot's figures must never overflow the counters they feed.
std::optional<std::int64_t> integer_field(const bjson::object& object, std::string_view name) {
    const bjson::value* field = object.if_contains(name);
    if (!field) return std::nullopt;
    if (field->is_int64()) return field->get_int64();
    if (field->is_uint64()) {
        std::uint64_t value = field->get_uint64();
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(value);
    }
    if (field->is_double()) {
        double value = field->get_double();
        // 2^63 is exact as a double; every double below it (and at or above -2^63) converts.
        constexpr double kLimit = 9223372036854775808.0;
        if (!std::isfinite(value) || value >= kLimit || value < -kLimit) return std::nullopt;
        return static_cast<std::int64_t>(value);
    }
    return std::nullopt;
}

// The rare structured fields (usage, media) are handed on as the Json the rest of the code uses.
// Null when the other parser refuses what this one read (a number too large for a double is
// infinity here, an error there): the field is then as good as absent.
Json to_json(const bjson::value& value) {
    Json converted = Json::parse(bjson::serialize(value), nullptr, false);
    return converted.is_discarded() ? Json() : converted;
}

}  // namespace

BotFrame parse_bot_frame(std::string_view text) {
    BotFrame frame;
    // Deltas, nearly every frame a bot sends, are small: parsed into this buffer they cost no
    // allocation. Larger frames spill to the heap. Ill-formed UTF-8 is refused by the parser.
    unsigned char storage[4096];
    bjson::monotonic_resource resource(storage, sizeof storage);
    boost::system::error_code ec;
    bjson::value parsed = bjson::parse(bjson::string_view(text.data(), text.size()), ec,
                                       bjson::storage_ptr(&resource));
    if (ec || !parsed.is_object()) return frame;
    const bjson::object& object = parsed.get_object();
    auto event = string_field(object, "event");
    // A frame without an event name cannot be counted as a type: it is as good as unparseable.
    if (!event || event->empty()) return frame;

    frame.type = type_of(*event);
    frame.event = std::move(*event);
    frame.chat_id = string_field(object, "chat_id");
    if (auto t = string_field(object, "text")) {
        frame.text = std::move(*t);
        frame.has_text = true;
    }
    frame.stream_id = string_field(object, "stream_id");
    frame.kind = string_field(object, "kind");
    const bjson::value* resuming = object.if_contains("resuming");
    frame.resuming = resuming && resuming->is_bool() && resuming->get_bool();
    if (const bjson::value* usage = object.if_contains("usage"); usage && usage->is_object()) {
        frame.usage = to_json(*usage);
    }
    frame.latency_ms = integer_field(object, "latency_ms");
    if (const bjson::value* media = object.if_contains("media"); media && media->is_array()) {
        frame.media = to_json(*media);
    }
    frame.reply_to = string_field(object, "reply_to");
    frame.model_name = string_field(object, "model_name");
    frame.detail = string_field(object, "detail");
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
