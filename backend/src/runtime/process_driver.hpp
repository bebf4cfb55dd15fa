// Runs each bot as a child process: <image source_dir>/nanobot gateway --config <config.json>,
// with HOME set to the bot's folder so nanobot's home-relative defaults land there, exactly as
// the mount does in a container. Its stdout and stderr come back through pipes: every line is
// kept in <data dir>/logs/runtime.log (see OutputLog) and passed to the log listener.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/io_context.hpp>

#include "common/blocking_pool.hpp"
#include "runtime/runtime_driver.hpp"

namespace nbdash::runtime {

class ProcessDriver : public RuntimeDriver {
public:
    ProcessDriver(boost::asio::io_context& io, BlockingPool& blocking,
                  workspace::BotFiles& files, std::filesystem::path images_dir);
    ~ProcessDriver() override;

    const char* name() const override { return "process"; }
    boost::asio::awaitable<void> start(BotLaunch launch) override;
    boost::asio::awaitable<void> stop(std::string bot_id, std::chrono::seconds grace) override;
    std::string status(const std::string& bot_id) override;
    // CPU time and resident memory of each bot's main process, from /proc.
    boost::asio::awaitable<std::map<std::string, Usage>> usage(
        std::vector<std::string> bot_ids) override;
    boost::asio::awaitable<std::vector<LogLine>> logs(std::string bot_id, int tail) override;
    bool pushes_logs() const override { return true; }

    // Terminates every child (used at shutdown so no bot outlives the dashboard's process runtime).
    void stop_all_now();

private:
    struct Child;
    void watch(std::shared_ptr<Child> child);
    boost::asio::awaitable<void> pump_output(std::shared_ptr<Child> child, bool errors);

    boost::asio::io_context& io_;
    BlockingPool& blocking_;
    workspace::BotFiles& files_;
    std::filesystem::path images_dir_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Child>> children_;
};

// The executable a process-runtime image folder must hold; throws ClientError when source_dir
// is outside images_dir or holds no executable nanobot.
std::filesystem::path image_executable(const std::filesystem::path& images_dir,
                                       const std::string& source_dir);

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t free_loopback_port();

}  // namespace nbdash::runtime
