// The open channels, one per running bot.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "channel/bot_channel.hpp"

namespace nbdash::channel {

class ChannelRegistry {
public:
    ChannelRegistry(boost::asio::any_io_executor executor, realtime::Hub& hub,
                    ChannelListener& listener);

    // Opens (or replaces) the channel of a bot and starts connecting.
    void open(ChannelTarget target);
    void close(const std::string& bot_id, const std::string& reason);
    // False when the bot has no open channel.
    bool submit(const std::string& bot_id, PendingRequest request);
    std::optional<Json> join(const std::string& bot_id, const std::function<void()>& subscribe);
    void close_all(const std::string& reason);

private:
    std::shared_ptr<BotChannel> find(const std::string& bot_id);

    boost::asio::any_io_executor executor_;
    realtime::Hub& hub_;
    ChannelListener& listener_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<BotChannel>> channels_;
};

}  // namespace nbdash::channel
