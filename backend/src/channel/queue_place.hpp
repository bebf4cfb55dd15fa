// A place in one bot's queue of requests waiting for their turn, held from the moment a send is
// accepted until its request is handed to the channel. Reserving first means a full queue is
// refused before anything is stored; a send that fails on the way gives its place back.
#pragma once

#include <memory>

#include "channel/bot_channel.hpp"

namespace nbdash::channel {

class QueuePlace {
public:
    QueuePlace() = default;
    // Takes over a place the channel has already counted (BotChannel::reserve_place).
    explicit QueuePlace(std::shared_ptr<BotChannel> channel) : channel_(std::move(channel)) {}
    QueuePlace(QueuePlace&& other) noexcept = default;
    QueuePlace& operator=(QueuePlace&& other) noexcept;
    QueuePlace(const QueuePlace&) = delete;
    QueuePlace& operator=(const QueuePlace&) = delete;
    ~QueuePlace();

    explicit operator bool() const { return channel_ != nullptr; }

    // Queues the request in this place, which is then used up.
    void submit(PendingRequest request);

private:
    std::shared_ptr<BotChannel> channel_;
};

}  // namespace nbdash::channel
