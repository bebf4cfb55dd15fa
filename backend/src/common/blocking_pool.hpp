// Runs blocking work (database calls, password hashing, file I/O) off the network threads.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nbdash {

class BlockingPool {
public:
    explicit BlockingPool(std::size_t threads) : pool_(threads) {}
    ~BlockingPool() { pool_.join(); }

    // Runs fn on a pool thread; the awaiting coroutine resumes on its own executor with the
    // result, or with fn's exception rethrown.
    template <class Fn>
    auto run(Fn fn) -> boost::asio::awaitable<decltype(fn())> {
        using Result = decltype(fn());
        co_return co_await boost::asio::co_spawn(
            pool_.get_executor(),
            [fn = std::move(fn)]() mutable -> boost::asio::awaitable<Result> { co_return fn(); },
            boost::asio::use_awaitable);
    }

    void stop() { pool_.stop(); }
    void join() { pool_.join(); }

private:
    boost::asio::thread_pool pool_;
};

}  // namespace nbdash
