// Frames a nanobot gateway sends on its WebSocket channel, parsed into one flat struct. Fields a
// frame type does not use stay empty. Parsing never throws: a garbled frame is kUnparseable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace nbdash::channel {

enum class FrameType {
    kReady,
    kAttached,
    kDelta,
    kStreamEnd,
    kMessage,
    kReasoningDelta,
    kReasoningEnd,
    kTurnEnd,
    kError,
    kSessionUpdated,
    kRuntimeModelUpdated,
    kTurnModelUpdated,
    kGoalStatus,
    kGoalState,
    kKnownIgnored,  // frames the dashboard has no use for (file_edit, webui_response, ...)
    kUnknown,       // a type this version does not know: counted, never fatal
    kUnparseable,   // not a JSON object with a non-empty string "event"
};

struct BotFrame {
    FrameType type = FrameType::kUnparseable;
    std::string event;  // the raw event name
    std::optional<std::string> chat_id;
    std::string text;
    bool has_text = false;
    std::optional<std::string> stream_id;
    std::optional<std::string> kind;  // message kind: tool_hint, progress
    bool resuming = false;
    Json usage;  // object or null
    std::optional<std::int64_t> latency_ms;
    Json media;  // array of server-local paths, or null
    std::optional<std::string> reply_to;
    std::optional<std::string> model_name;
    std::optional<std::string> detail;  // error frames
};

BotFrame parse_bot_frame(std::string_view text);

// The client frame that sends text to a chat, as nanobot's typed envelope. `media` is nanobot's
// list of {data_url, name}; left out of the frame when empty.
std::string message_frame(const std::string& chat_id, const std::string& content,
                          const Json& media = Json());
std::string attach_frame(const std::string& chat_id);

}  // namespace nbdash::channel
