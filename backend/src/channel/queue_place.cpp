#include "channel/queue_place.hpp"

namespace nbdash::channel {

QueuePlace& QueuePlace::operator=(QueuePlace&& other) noexcept {
    if (this != &other) {
        if (channel_) channel_->release_place();
        channel_ = std::move(other.channel_);
    }
    return *this;
}

QueuePlace::~QueuePlace() {
    if (channel_) channel_->release_place();
}

void QueuePlace::submit(PendingRequest request) {
    auto channel = std::move(channel_);
    if (channel) channel->submit(std::move(request));
}

}  // namespace nbdash::channel
