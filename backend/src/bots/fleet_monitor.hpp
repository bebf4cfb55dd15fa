// Samples the fleet in the background: every runtime.stats_interval_seconds one look at the
// runtime (Docker: one list call for the whole fleet), then the resource use of the running
// bots (a bounded number of calls at a time), kept in the StatsCache and pushed to the fleet
// topic as bot_stats frames. Every bots.storage_check_interval_seconds it also measures each
// bot folder and raises one alert per episode of a bot over its storage quota.
#pragma once

#include <atomic>
#include <map>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include "common/blocking_pool.hpp"
#include "db/bot_store.hpp"
#include "db/event_store.hpp"
#include "realtime/hub.hpp"
#include "runtime/bot_stats.hpp"
#include "runtime/runtime_driver.hpp"
#include "settings/settings.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::bots {

struct FolderSize {
    std::int64_t bytes = 0;
    bool complete = true;  // false when the walk stopped at its entry limit
};

// The apparent size of the regular files under dir, without following symlinks, counting at
// most max_entries entries. Blocking.
FolderSize measure_folder(const std::filesystem::path& dir, std::size_t max_entries);

class FleetMonitor {
public:
    FleetMonitor(boost::asio::io_context& io, db::BotStore& bots, db::EventStore& events,
                 runtime::RuntimeDriver& runtime, workspace::BotFiles& files, realtime::Hub& hub,
                 Settings& settings, BlockingPool& blocking, runtime::StatsCache& stats);

    // Starts sampling; runs until the I/O context stops.
    void start();
    // Refreshes done so far (the benchmark relates Engine calls to them).
    std::uint64_t refreshes() const { return refreshes_.load(); }

private:
    struct StorageCheck {
        std::string bot_id;
        FolderSize size;
        std::optional<std::int64_t> quota_bytes;
    };

    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> refresh();
    boost::asio::awaitable<void> check_storage(std::vector<db::BotRecord> bots);
    boost::asio::awaitable<void> alert_storage(const StorageCheck& check);
    void publish_stats(const std::string& bot_id, const runtime::BotStats& stats);

    boost::asio::io_context& io_;
    db::BotStore& bots_;
    db::EventStore& events_;
    runtime::RuntimeDriver& runtime_;
    workspace::BotFiles& files_;
    realtime::Hub& hub_;
    Settings& settings_;
    BlockingPool& blocking_;
    runtime::StatsCache& stats_;
    // Touched only by the sampling coroutine, which runs one refresh at a time.
    std::map<std::string, runtime::Usage> previous_;
    std::map<std::string, std::int64_t> storage_;
    std::set<std::string> over_quota_;
    std::chrono::steady_clock::time_point next_storage_check_{};
    std::atomic<std::uint64_t> refreshes_{0};
};

}  // namespace nbdash::bots
