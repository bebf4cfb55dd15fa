// The seam between the dashboard and whatever runs bots: local processes or Docker containers
// (and later an orchestrator). A driver starts and stops one bot at a time and reports exits.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "workspace/bot_files.hpp"

namespace nbdash::runtime {

struct Resources {
    double cpus = 1.0;
    std::int64_t memory_mb = 512;
    std::int64_t pids = 256;
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

struct ExitReport {
    std::string bot_id;
    int exit_code = 0;  // or 128 + signal
    bool requested = false;  // the dashboard asked it to stop
};

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

    // Called on the I/O threads whenever a bot's process or container ends.
    void on_exit(std::function<void(ExitReport)> listener) { exit_listener_ = std::move(listener); }

protected:
    std::function<void(ExitReport)> exit_listener_;
};

}  // namespace nbdash::runtime
