// One lifecycle operation (start, stop, restart, delete) per bot at a time. Two at once could
// each launch a process for the same bot, or start a bot that is being deleted; with the lock
// the second waits for the first and then sees the state it left.
#pragma once

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include <boost/asio/awaitable.hpp>

namespace nbdash::bots {

class LifecycleLocks {
public:
    // Held while an operation runs; released when destroyed.
    class Hold {
    public:
        Hold() = default;
        Hold(LifecycleLocks* owner, std::string bot_id)
            : owner_(owner), bot_id_(std::move(bot_id)) {}
        Hold(Hold&& other) noexcept
            : owner_(std::exchange(other.owner_, nullptr)), bot_id_(std::move(other.bot_id_)) {}
        Hold& operator=(Hold&& other) noexcept;
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
        ~Hold();

    private:
        LifecycleLocks* owner_ = nullptr;
        std::string bot_id_;
    };

    // Waits until no other operation holds bot_id; throws Conflict("bot_busy") after wait.
    boost::asio::awaitable<Hold> acquire(std::string bot_id,
                                         std::chrono::seconds wait = std::chrono::seconds(120));

private:
    bool try_take(const std::string& bot_id);
    void release(const std::string& bot_id);

    std::mutex mutex_;
    std::set<std::string> held_;
};

}  // namespace nbdash::bots
