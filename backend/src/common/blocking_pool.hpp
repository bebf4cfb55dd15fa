// Runs blocking work (database calls, password hashing, file I/O) off the network threads.
#pragma once

#include <exception>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nbdash {

class BlockingPool {
public:
    explicit BlockingPool(std::size_t threads) : pool_(threads) {}
    ~BlockingPool() { pool_.join(); }

    // Runs fn on a pool thread; the awaiting coroutine resumes on its own executor with the
    // result, or with fn's exception rethrown. fn's result must be default-constructible.
    // Written as a plain initiating function rather than a coroutine: no extra coroutine frame
    // owns fn, so its captures are destroyed exactly once, on the pool thread's side.
    template <class Fn>
    auto run(Fn fn) -> boost::asio::awaitable<decltype(fn())> {
        using Result = decltype(fn());
        return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                           void(std::exception_ptr, Result)>(
            [this](auto handler, Fn work_fn) {
                auto work = boost::asio::make_work_guard(handler);
                boost::asio::post(pool_, [handler = std::move(handler), work = std::move(work),
                                          work_fn = std::move(work_fn)]() mutable {
                    std::exception_ptr error;
                    Result result{};
                    try {
                        result = work_fn();
                    } catch (...) {
                        error = std::current_exception();
                    }
                    auto home = boost::asio::get_associated_executor(handler);
                    boost::asio::post(home, [handler = std::move(handler), error,
                                             result = std::move(result)]() mutable {
                        std::move(handler)(error, std::move(result));
                    });
                });
            },
            boost::asio::use_awaitable, std::move(fn));
    }

    void stop() { pool_.stop(); }
    void join() { pool_.join(); }

private:
    boost::asio::thread_pool pool_;
};

}  // namespace nbdash
