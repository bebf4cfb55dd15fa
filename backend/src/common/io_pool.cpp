#include "common/io_pool.hpp"

#include <thread>

namespace nbdash {

IoPool::IoPool(int threads) {
    for (int i = 0; i < std::max(threads, 1); ++i) {
        // One thread per context: asio may skip the locking a shared queue needs.
        contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
        guards_.push_back(boost::asio::make_work_guard(*contexts_.back()));
    }
}

boost::asio::any_io_executor IoPool::next() {
    std::size_t index = next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size();
    return contexts_[index]->get_executor();
}

void IoPool::run() {
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts_.size(); ++i) {
        threads.emplace_back([context = contexts_[i].get()] { context->run(); });
    }
    contexts_.front()->run();
    for (auto& thread : threads) thread.join();
}

void IoPool::stop() {
    for (auto& guard : guards_) guard.reset();
    for (auto& context : contexts_) context->stop();
}

}  // namespace nbdash
