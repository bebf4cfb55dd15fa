#include "channel/channel_registry.hpp"

namespace nbdash::channel {

ChannelRegistry::ChannelRegistry(boost::asio::any_io_executor executor, realtime::Hub& hub,
                                 ChannelListener& listener, BlockingPool& blocking)
    : executor_source_([executor = std::move(executor)] { return executor; }),
      hub_(hub),
      listener_(listener),
      blocking_(blocking) {}

void ChannelRegistry::open(ChannelTarget target) {
    auto channel = std::make_shared<BotChannel>(executor_source_(), std::move(target), hub_,
                                                listener_, blocking_);
    std::shared_ptr<BotChannel> previous;
    {
        std::lock_guard lock(mutex_);
        auto& slot = channels_[channel->bot_id()];
        previous = std::exchange(slot, channel);
    }
    if (previous) previous->stop("the channel was reopened");
    channel->start();
}

void ChannelRegistry::close(const std::string& bot_id, const std::string& reason) {
    std::shared_ptr<BotChannel> channel;
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(bot_id);
        if (it == channels_.end()) return;
        channel = std::move(it->second);
        channels_.erase(it);
    }
    channel->stop(reason);
}

QueueReservation ChannelRegistry::reserve(const std::string& bot_id, std::size_t max_waiting) {
    QueueReservation reservation;
    auto channel = find(bot_id);
    if (!channel) return reservation;
    if (!channel->reserve_place(max_waiting)) {
        reservation.answer = QueueReservation::Answer::kQueueFull;
        return reservation;
    }
    reservation.answer = QueueReservation::Answer::kReserved;
    reservation.place = QueuePlace(std::move(channel));
    return reservation;
}

std::optional<Json> ChannelRegistry::join(const std::string& bot_id,
                                          const std::function<void()>& subscribe) {
    auto channel = find(bot_id);
    if (!channel) {
        subscribe();
        return std::nullopt;
    }
    return channel->join(subscribe);
}

void ChannelRegistry::close_all(const std::string& reason) {
    std::map<std::string, std::shared_ptr<BotChannel>> all;
    {
        std::lock_guard lock(mutex_);
        all.swap(channels_);
    }
    for (auto& [id, channel] : all) channel->stop(reason);
}

std::shared_ptr<BotChannel> ChannelRegistry::find(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(bot_id);
    return it == channels_.end() ? nullptr : it->second;
}

}  // namespace nbdash::channel
