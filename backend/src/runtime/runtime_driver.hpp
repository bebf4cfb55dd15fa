// The seam between the dashboard and whatever runs bots: local processes or Docker containers
// (and later an orchestrator). A driver starts and stops one bot at a time and reports exits.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <vector>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/stop_signal.hpp"
#include "runtime/log_line.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::runtime {

struct Resources {
    double cpus = 1.0;
    std::int64_t memory_mb = 512;
    std::int64_t pids = 256;
    // Disk space of the bot's folder; measured by the dashboard, not enforced by the runtime.
    std::int64_t storage_mb = 1024;
};

struct BotLaunch {
    std::string bot_id;
    std::string image_tag;
    std::string image_source_dir;  // process runtime: folder holding the nanobot executable
    std::filesystem::path bot_dir;   // the bot's workspace_dir
    std::filesystem::path data_dir;  // its .nanobot folder
    std::map<std::string, std::string> env;
    Resources resources;
};

// A change the runtime saw by itself (Docker events): bot_id empty means the runtime as a
// whole, with docker_status "unknown" (unreachable) or "reachable" (back again).
struct StateReport {
    std::string bot_id;
    std::string docker_status;
    std::string detail;
};

struct ExitReport {
    std::string bot_id;
    int exit_code = 0;  // or 128 + signal
    bool requested = false;  // the dashboard asked it to stop
};

// Resource use of one running bot as the runtime reads it. CPU use becomes a percentage from
// two readings: (cpu_ns delta) / (clock_ns delta).
struct Usage {
    std::uint64_t cpu_ns = 0;    // CPU time the bot used so far
    std::uint64_t clock_ns = 0;  // when it was read, on a clock that advances with wall time
    std::int64_t memory_bytes = 0;
    std::optional<std::int64_t> memory_limit_bytes;
};

using LogSink = std::function<void(LogLine)>;

class RuntimeDriver {
public:
    virtual ~RuntimeDriver() = default;

    virtual const char* name() const = 0;
    // Starts the bot; the channel endpoint in its config.json is final when this returns.
    // Throws ApiError with a message safe to show when it cannot.
    virtual boost::asio::awaitable<void> start(BotLaunch launch) = 0;
    // Stops the bot, waiting up to grace before killing it. No-op when it is not running.
    virtual boost::asio::awaitable<void> stop(std::string bot_id, std::chrono::seconds grace) = 0;
    // The runtime's own state of the bot, in the docker_status vocabulary.
    virtual std::string status(const std::string& bot_id) = 0;

    // Removes what the runtime keeps of a stopped bot (its container); the bot's files stay.
    virtual boost::asio::awaitable<void> remove(std::string bot_id) { co_return; }
    // Rewrites where the dashboard dials the bot's channel when the runtime maps ports (bridge
    // network); config.json then holds the ports inside the container.
    virtual void dial_address(const std::string& bot_id, workspace::ChannelEndpoint& endpoint) {}
    // Every bot the runtime holds, by id, in the docker_status vocabulary, from one look at
    // the runtime; nullopt when the runtime keeps nothing across dashboard restarts.
    virtual boost::asio::awaitable<std::optional<std::map<std::string, std::string>>> observe() {
        co_return std::nullopt;
    }

    // The state of every bot the runtime holds, from one look at it (Docker: one list call),
    // without changing what the driver knows; nullopt when the driver's own view is all there
    // is (status() answers). Throws Unavailable when the runtime cannot be reached.
    virtual boost::asio::awaitable<std::optional<std::map<std::string, std::string>>>
    list_states() {
        co_return std::nullopt;
    }
    // Resource use of the given running bots; bots it cannot read are left out.
    virtual boost::asio::awaitable<std::map<std::string, Usage>> usage(
        std::vector<std::string> bot_ids) {
        co_return std::map<std::string, Usage>{};
    }
    // The last lines (at most tail) of the bot's output, oldest first; empty when it never ran.
    // Throws ApiError when the runtime cannot be read.
    virtual boost::asio::awaitable<std::vector<LogLine>> logs(std::string bot_id, int tail) {
        co_return std::vector<LogLine>{};
    }
    // Passes the bot's new output lines to sink as they come until stop is signalled. Runtimes
    // that push every line through on_log_line() instead return at once.
    virtual boost::asio::awaitable<void> follow_logs(std::string bot_id,
                                                     std::shared_ptr<StopSignal> stop,
                                                     LogSink sink) {
        co_return;
    }
    virtual bool pushes_logs() const { return false; }

    // Called with every output line of every bot, on runtimes that push them (pushes_logs()).
    void on_log_line(std::function<void(const std::string&, const LogLine&)> listener) {
        log_listener_ = std::move(listener);
    }
    // Called on the I/O threads whenever a bot's process or container ends.
    void on_exit(std::function<void(ExitReport)> listener) { exit_listener_ = std::move(listener); }
    // Called on the I/O threads with changes the runtime made or saw by itself.
    void on_state(std::function<void(StateReport)> listener) { state_listener_ = std::move(listener); }

protected:
    std::function<void(ExitReport)> exit_listener_;
    std::function<void(StateReport)> state_listener_;
    std::function<void(const std::string&, const LogLine&)> log_listener_;
};

}  // namespace nbdash::runtime
