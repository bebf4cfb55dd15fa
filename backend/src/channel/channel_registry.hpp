// The open channels, one per running bot.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "channel/bot_channel.hpp"
#include "channel/queue_place.hpp"
#include "common/io_pool.hpp"

namespace nbdash::channel {

// The answer to a reservation: a place in the queue, or why there is none.
struct QueueReservation {
    enum class Answer { kReserved, kQueueFull, kNoChannel };
    Answer answer = Answer::kNoChannel;
    QueuePlace place;  // set when reserved
};

class ChannelRegistry {
public:
    ChannelRegistry(boost::asio::any_io_executor executor, realtime::Hub& hub,
                    ChannelListener& listener, BlockingPool& blocking);

    // Spreads channels over the network threads (see IoPool); until then every channel runs on
    // the constructor's executor. Set before the first open().
    void set_executor_source(ExecutorSource source) { executor_source_ = std::move(source); }

    // Opens (or replaces) the channel of a bot and starts connecting.
    void open(ChannelTarget target);
    void close(const std::string& bot_id, const std::string& reason);
    // A place for one more request of the bot, unless max_waiting requests already wait for
    // their turn or the bot has no open channel.
    QueueReservation reserve(const std::string& bot_id, std::size_t max_waiting);
    std::optional<Json> join(const std::string& bot_id, const std::function<void()>& subscribe);
    void close_all(const std::string& reason);

private:
    std::shared_ptr<BotChannel> find(const std::string& bot_id);

    ExecutorSource executor_source_;
    realtime::Hub& hub_;
    ChannelListener& listener_;
    BlockingPool& blocking_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<BotChannel>> channels_;
};

}  // namespace nbdash::channel
