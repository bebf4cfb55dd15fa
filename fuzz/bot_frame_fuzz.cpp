// Frames from a bot are untrusted: parse_bot_frame must never throw or crash, and must classify
// anything that is not a JSON object with a non-empty string "event" as unparseable.
#include <cstdint>
#include <string_view>

#include "channel/bot_frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto frame = nbdash::channel::parse_bot_frame(text);
    if (frame.type != nbdash::channel::FrameType::kUnparseable && frame.event.empty()) {
        __builtin_trap();
    }
    if (!frame.usage.is_null() && !frame.usage.is_object()) __builtin_trap();
    if (!frame.media.is_null() && !frame.media.is_array()) __builtin_trap();
    return 0;
}
