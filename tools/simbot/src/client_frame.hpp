#pragma once

#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace simbot {

inline constexpr std::size_t kMaxContentBytes = 64 * 1024;

// Untyped text for the connection's default chat (plain text or an object without "type").
struct LegacyText {
    std::string text;
};

struct NewChat {};

struct AttachChat {
    std::string chat_id;  // already validated
};

struct UserMessage {
    std::string chat_id;  // already validated
    std::string content;  // within kMaxContentBytes; may be empty only when media is present
    nlohmann::json media;  // raw "media" value (null when absent); checked by media.hpp
};

// The frame was understood but rejected: `reply` is the error event to send back.
struct RejectedFrame {
    nlohmann::json reply;
};

// Nothing to do (e.g. a legacy object with no text in it).
struct IgnoredFrame {};

using ClientFrame =
    std::variant<IgnoredFrame, LegacyText, NewChat, AttachChat, UserMessage, RejectedFrame>;

// Classifies one inbound text frame the way nanobot's websocket channel does: text that is not
// valid JSON is legacy text; a JSON value that is not an object is rejected.
ClientFrame parse_client_frame(std::string_view text);

}  // namespace simbot
