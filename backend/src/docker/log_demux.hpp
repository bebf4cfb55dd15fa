// Decodes Docker's multiplexed log stream (containers without a TTY): frames of an 8-byte
// header (stream type, three zero bytes, big-endian payload length) followed by the payload.
// Frames may be split anywhere across the pieces fed in; partial ones wait for the rest.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace nbdash::docker {

enum class LogStream : std::uint8_t { kStdin = 0, kStdout = 1, kStderr = 2 };

class LogDemux {
public:
    using FrameSink = std::function<void(LogStream, std::string_view)>;

    // Frames larger than this are refused (the Engine splits output far below it).
    static constexpr std::uint32_t kMaxFrameBytes = 1u << 20;

    // Passes every complete frame in data (with what was buffered before) to sink. Returns
    // false, and stops decoding for good, when a header is malformed.
    bool feed(std::string_view data, const FrameSink& sink);

    // Bytes of an incomplete frame still waiting.
    std::size_t pending() const { return buffer_.size(); }
    bool failed() const { return failed_; }

private:
    std::string buffer_;
    bool failed_ = false;
};

// The whole of a complete multiplexed body as text (stdout and stderr interleaved as sent).
std::string demux_to_text(std::string_view body);

}  // namespace nbdash::docker
