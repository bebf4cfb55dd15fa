// Follow mode of bot logs over /api/ws: while a bot's "logs:<id>" topic has subscribers, one
// follow of the bot's output runs (shared by all of them) and each line is published as a
// log_line frame; it stops when the last subscriber leaves. Runtimes that push every line
// (the process runtime) need no follow: their lines are published as they come.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/io_context.hpp>

#include "common/stop_signal.hpp"
#include "realtime/hub.hpp"
#include "runtime/runtime_driver.hpp"

namespace nbdash::bots {

class LogFollowers : public realtime::TopicObserver {
public:
    LogFollowers(boost::asio::io_context& io, runtime::RuntimeDriver& runtime, realtime::Hub& hub);
    ~LogFollowers() override;

    void topic_changed(const std::string& topic) override;
    void publish(const std::string& bot_id, const runtime::LogLine& line);
    // Follows running now (one per bot with subscribers).
    std::size_t active() const;

private:
    boost::asio::io_context& io_;
    runtime::RuntimeDriver& runtime_;
    realtime::Hub& hub_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<StopSignal>> follows_;
};

}  // namespace nbdash::bots
