#include "docker/log_demux.hpp"

namespace nbdash::docker {

namespace {

constexpr std::size_t kHeaderBytes = 8;

}  // namespace

bool LogDemux::feed(std::string_view data, const FrameSink& sink) {
    if (failed_) return false;
    buffer_.append(data);
    std::size_t offset = 0;
    while (buffer_.size() - offset >= kHeaderBytes) {
        auto byte = [&](std::size_t i) {
            return static_cast<std::uint8_t>(buffer_[offset + i]);
        };
        if (byte(0) > 2 || byte(1) != 0 || byte(2) != 0 || byte(3) != 0) {
            failed_ = true;
            buffer_.clear();
            return false;
        }
        std::uint32_t size = (std::uint32_t(byte(4)) << 24) | (std::uint32_t(byte(5)) << 16) |
                             (std::uint32_t(byte(6)) << 8) | std::uint32_t(byte(7));
        if (size > kMaxFrameBytes) {
            failed_ = true;
            buffer_.clear();
            return false;
        }
        if (buffer_.size() - offset - kHeaderBytes < size) break;
        sink(static_cast<LogStream>(byte(0)),
             std::string_view(buffer_).substr(offset + kHeaderBytes, size));
        offset += kHeaderBytes + size;
    }
    buffer_.erase(0, offset);
    return true;
}

std::string demux_to_text(std::string_view body) {
    std::string text;
    LogDemux demux;
    demux.feed(body, [&text](LogStream, std::string_view payload) { text.append(payload); });
    return text;
}

}  // namespace nbdash::docker
