#include "bots/lifecycle_locks.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/errors.hpp"

namespace nbdash::bots {

LifecycleLocks::Hold& LifecycleLocks::Hold::operator=(Hold&& other) noexcept {
    if (this != &other) {
        if (owner_) owner_->release(bot_id_);
        owner_ = std::exchange(other.owner_, nullptr);
        bot_id_ = std::move(other.bot_id_);
    }
    return *this;
}

LifecycleLocks::Hold::~Hold() {
    if (owner_) owner_->release(bot_id_);
}

bool LifecycleLocks::try_take(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    return held_.insert(bot_id).second;
}

void LifecycleLocks::release(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    held_.erase(bot_id);
}

boost::asio::awaitable<LifecycleLocks::Hold> LifecycleLocks::acquire(std::string bot_id,
                                                                     std::chrono::seconds wait) {
    // Operations on one bot rarely overlap, and each takes milliseconds to seconds: a short
    // poll keeps this simple and never blocks a network thread.
    auto deadline = std::chrono::steady_clock::now() + wait;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    while (!try_take(bot_id)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            throw Conflict("bot_busy", "another start, stop, restart or delete of bot '" +
                                           bot_id + "' is still running");
        }
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(boost::asio::use_awaitable);
    }
    co_return Hold(this, bot_id);
}

}  // namespace nbdash::bots
