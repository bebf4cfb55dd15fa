// The network threads: one io_context per thread. A connection (a browser's, or the channel to a
// bot) is placed on one context for its whole life, so the threads do not share one queue and
// its lock; a frame for a connection on another thread is posted to that thread's context.
// Context 0 also carries the services' timers and runs on the thread that calls run().
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace nbdash {

// Where a new connection should live.
using ExecutorSource = std::function<boost::asio::any_io_executor()>;

class IoPool {
public:
    explicit IoPool(int threads);

    boost::asio::io_context& main() { return *contexts_.front(); }
    // The contexts in turn, for new connections. Any thread.
    boost::asio::any_io_executor next();
    ExecutorSource source() {
        return [this] { return next(); };
    }
    // Runs every context (the caller's thread runs context 0) until stop().
    void run();
    // Any thread; run() returns once every thread has left its context.
    void stop();

private:
    using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
    // Keeps a context running while it has no connection yet.
    std::vector<WorkGuard> guards_;
    std::atomic<std::size_t> next_{0};
};

}  // namespace nbdash
