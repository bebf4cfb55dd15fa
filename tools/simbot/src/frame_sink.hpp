#pragma once

#include <cstdint>
#include <string>

namespace simbot {

// Something that delivers serialised frames to one client (a websocket connection). All calls
// happen on the single io_context thread.
class FrameSink {
public:
    virtual ~FrameSink() = default;

    // Queues one text frame; dropped silently once the client is gone.
    virtual void send_text(std::string frame) = 0;

    // Starts an orderly close (shutdown).
    virtual void close() = 0;

    virtual std::uint64_t sink_id() const = 0;
};

}  // namespace simbot
