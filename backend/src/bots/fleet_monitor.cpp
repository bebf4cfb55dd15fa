#include "bots/fleet_monitor.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "common/time.hpp"
#include "db/record_json.hpp"

namespace nbdash::bots {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFolderEntries = 200'000;
constexpr std::int64_t kMiB = 1024 * 1024;

// The storage quota in env.json (resources.storage_mb); nullopt when absent or not a positive
// number, so a bot without one is never alerted on.
std::optional<std::int64_t> storage_quota_bytes(const Json& env) {
    if (!env.is_object() || !env.contains("resources") || !env["resources"].is_object()) {
        return std::nullopt;
    }
    const Json& resources = env["resources"];
    if (!resources.contains("storage_mb") || !resources["storage_mb"].is_number()) {
        return std::nullopt;
    }
    double megabytes = resources["storage_mb"].get<double>();
    if (!(megabytes > 0)) return std::nullopt;
    return static_cast<std::int64_t>(megabytes * kMiB);
}

}  // namespace

FolderSize measure_folder(const fs::path& dir, std::size_t max_entries) {
    FolderSize size;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    std::size_t entries = 0;
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (++entries > max_entries) {
            size.complete = false;
            break;
        }
        std::error_code entry_ec;
        if (it->is_regular_file(entry_ec) && !it->is_symlink(entry_ec)) {
            auto bytes = it->file_size(entry_ec);
            if (!entry_ec) size.bytes += static_cast<std::int64_t>(bytes);
        }
    }
    return size;
}

FleetMonitor::FleetMonitor(asio::io_context& io, db::BotStore& bots, db::EventStore& events,
                           runtime::RuntimeDriver& runtime, workspace::BotFiles& files,
                           realtime::Hub& hub, Settings& settings, BlockingPool& blocking,
                           runtime::StatsCache& stats)
    : io_(io),
      bots_(bots),
      events_(events),
      runtime_(runtime),
      files_(files),
      hub_(hub),
      settings_(settings),
      blocking_(blocking),
      stats_(stats) {}

void FleetMonitor::start() {
    asio::co_spawn(io_, run(), [](std::exception_ptr failure) {
        if (failure) log::error("fleet monitoring stopped");
    });
}

asio::awaitable<void> FleetMonitor::run() {
    asio::steady_timer pause(io_);
    for (;;) {
        try {
            co_await refresh();
        } catch (const std::exception& e) {
            log::warn("fleet refresh failed", {log::kv("error", e.what())});
        }
        refreshes_++;
        auto seconds = std::clamp<std::int64_t>(
            settings_.get_int("runtime.stats_interval_seconds", 5), 1, 3600);
        pause.expires_after(std::chrono::seconds(seconds));
        co_await pause.async_wait(asio::use_awaitable);
    }
}

asio::awaitable<void> FleetMonitor::refresh() {
    auto bots = co_await bots_.list();
    std::optional<std::map<std::string, std::string>> listed;
    bool reachable = true;
    try {
        listed = co_await runtime_.list_states();
    } catch (const std::exception&) {
        // The event follower reports an unreachable daemon; nothing can be sampled meanwhile.
        reachable = false;
    }
    std::set<std::string> running;
    std::vector<std::string> running_ids;
    for (const auto& bot : bots) {
        std::string actual = "unknown";
        if (listed) {
            auto it = listed->find(bot.id);
            actual = it == listed->end() ? "absent" : it->second;
        } else if (reachable) {
            actual = runtime_.status(bot.id);
        }
        if (actual == "running") {
            running.insert(bot.id);
            running_ids.push_back(bot.id);
        }
    }

    // A bot that started since the last check is measured now rather than an interval later.
    bool unmeasured = std::any_of(running_ids.begin(), running_ids.end(),
                                  [this](const std::string& id) { return !storage_.count(id); });
    if (unmeasured || std::chrono::steady_clock::now() >= next_storage_check_) {
        auto seconds = std::clamp<std::int64_t>(
            settings_.get_int("bots.storage_check_interval_seconds", 300), 1, 86400);
        next_storage_check_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        co_await check_storage(bots);
    }

    auto usage = co_await runtime_.usage(running_ids);
    const std::string sampled_at = now_iso8601();
    for (const auto& [bot_id, now] : usage) {
        auto before = previous_.find(bot_id);
        bool has_before = before != previous_.end() && now.clock_ns > before->second.clock_ns &&
                          now.cpu_ns >= before->second.cpu_ns;
        runtime::Usage last = has_before ? before->second : runtime::Usage{};
        previous_[bot_id] = now;
        // The first reading of a bot is only the baseline a CPU share needs.
        if (!has_before) continue;
        runtime::BotStats stats;
        stats.cpu_percent = 100.0 * static_cast<double>(now.cpu_ns - last.cpu_ns) /
                            static_cast<double>(now.clock_ns - last.clock_ns);
        stats.memory_bytes = now.memory_bytes;
        stats.memory_limit_bytes = now.memory_limit_bytes;
        if (auto it = storage_.find(bot_id); it != storage_.end()) {
            stats.storage_bytes = it->second;
        }
        stats.sampled_at = sampled_at;
        stats_.put(bot_id, stats);
        publish_stats(bot_id, stats);
    }
    std::erase_if(previous_, [&](const auto& entry) { return !usage.count(entry.first); });
    stats_.retain(running);
}

void FleetMonitor::publish_stats(const std::string& bot_id, const runtime::BotStats& stats) {
    hub_.publish(realtime::Hub::kFleetTopic,
                 {{"type", "bot_stats"}, {"bot_id", bot_id}, {"stats", runtime::to_json(stats)}});
}

asio::awaitable<void> FleetMonitor::check_storage(std::vector<db::BotRecord> bots) {
    auto checks = co_await blocking_.run([this, &bots] {
        std::vector<StorageCheck> found;
        for (const auto& bot : bots) {
            StorageCheck check;
            check.bot_id = bot.id;
            check.size = measure_folder(files_.bot_dir(bot.id), kMaxFolderEntries);
            try {
                check.quota_bytes = storage_quota_bytes(files_.read_env(bot.id));
            } catch (const std::exception&) {
                // No readable env.json: no quota to hold the folder to.
            }
            found.push_back(std::move(check));
        }
        return found;
    });
    storage_.clear();
    for (const auto& check : checks) {
        storage_[check.bot_id] = check.size.bytes;
        if (!check.size.complete) {
            log::warn("bot folder has too many entries to measure fully",
                      {log::kv("bot_id", check.bot_id), log::kv("limit", kMaxFolderEntries)});
        }
        co_await alert_storage(check);
    }
    std::erase_if(over_quota_, [&](const std::string& id) { return !storage_.count(id); });
    stats_.put_storage(storage_);
}

asio::awaitable<void> FleetMonitor::alert_storage(const StorageCheck& check) {
    bool over = check.quota_bytes && check.size.bytes > *check.quota_bytes;
    bool was_over = over_quota_.count(check.bot_id) > 0;
    if (over == was_over) co_return;
    db::EventRecord event;
    event.bot_id = check.bot_id;
    event.metadata = {{"storage_bytes", check.size.bytes},
                      {"quota_bytes", check.quota_bytes ? Json(*check.quota_bytes) : Json()}};
    if (over) {
        over_quota_.insert(check.bot_id);
        event.event_type = "alert";
        event.severity = "warning";
        event.metadata["kind"] = "storage_over_quota";
        event.detail = "the bot's folder uses " + std::to_string(check.size.bytes / kMiB) +
                       " MiB, over its storage quota of " +
                       std::to_string(*check.quota_bytes / kMiB) + " MiB";
    } else {
        over_quota_.erase(check.bot_id);
        event.event_type = "storage_within_quota";
        event.detail = "the bot's folder is back within its storage quota";
    }
    log::info(over ? "bot over its storage quota" : "bot back within its storage quota",
              {log::kv("bot_id", check.bot_id), log::kv("storage_bytes", check.size.bytes)});
    auto stored = co_await events_.record(event);
    hub_.publish(realtime::Hub::kFleetTopic, {{"type", "event"}, {"event", db::to_json(stored)}});
}

}  // namespace nbdash::bots
