#include "bots/log_followers.hpp"

#include <boost/asio/co_spawn.hpp>

#include "common/log.hpp"

namespace nbdash::bots {

namespace asio = boost::asio;

LogFollowers::LogFollowers(asio::io_context& io, runtime::RuntimeDriver& runtime,
                           realtime::Hub& hub)
    : io_(io), runtime_(runtime), hub_(hub) {
    runtime_.on_log_line([this](const std::string& bot_id, const runtime::LogLine& line) {
        publish(bot_id, line);
    });
    hub_.observe("logs:", this);
}

LogFollowers::~LogFollowers() {
    std::lock_guard lock(mutex_);
    for (auto& [bot_id, stop] : follows_) stop->stop();
}

void LogFollowers::publish(const std::string& bot_id, const runtime::LogLine& line) {
    // The hub drops the frame at once when nobody subscribes.
    hub_.publish(realtime::Hub::logs_topic(bot_id),
                 {{"type", "log_line"}, {"bot_id", bot_id}, {"stream", line.stream},
                  {"text", line.text}, {"time", line.time ? Json(*line.time) : Json()}});
}

std::size_t LogFollowers::active() const {
    std::lock_guard lock(mutex_);
    return follows_.size();
}

void LogFollowers::topic_changed(const std::string& topic) {
    if (runtime_.pushes_logs()) return;
    const std::string bot_id = topic.substr(5);
    std::shared_ptr<StopSignal> started, stopped;
    {
        // The count is read under this lock: whichever change comes last sees the truth.
        std::lock_guard lock(mutex_);
        bool wanted = hub_.subscriber_count(topic) > 0;
        auto it = follows_.find(bot_id);
        if (wanted && it == follows_.end()) {
            started = std::make_shared<StopSignal>();
            follows_[bot_id] = started;
        } else if (!wanted && it != follows_.end()) {
            stopped = it->second;
            follows_.erase(it);
        }
    }
    if (stopped) {
        stopped->stop();
        log::debug("stopped following a bot's logs", {log::kv("bot_id", bot_id)});
    }
    if (!started) return;
    log::debug("following a bot's logs", {log::kv("bot_id", bot_id)});
    auto sink = [this, bot_id](runtime::LogLine line) { publish(bot_id, line); };
    // Spawned outside the lock; the follow ends when its signal stops.
    asio::co_spawn(io_, runtime_.follow_logs(bot_id, started, sink),
                   [bot_id](std::exception_ptr failure) {
        if (failure) log::warn("following a bot's logs failed", {log::kv("bot_id", bot_id)});
    });
}

}  // namespace nbdash::bots
