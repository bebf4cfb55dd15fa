#include "runtime/bot_stats.hpp"

#include <cmath>

namespace nbdash::runtime {

Json to_json(const BotStats& stats) {
    auto optional = [](const std::optional<std::int64_t>& value) {
        return value ? Json(*value) : Json(nullptr);
    };
    return Json{{"cpu_percent", std::round(stats.cpu_percent * 100) / 100},
                {"memory_bytes", stats.memory_bytes},
                {"memory_limit_bytes", optional(stats.memory_limit_bytes)},
                {"storage_bytes", optional(stats.storage_bytes)},
                {"sampled_at", stats.sampled_at}};
}

std::optional<BotStats> StatsCache::find(const std::string& bot_id) const {
    std::lock_guard lock(mutex_);
    auto it = stats_.find(bot_id);
    if (it == stats_.end()) return std::nullopt;
    return it->second;
}

void StatsCache::put(const std::string& bot_id, BotStats stats) {
    std::lock_guard lock(mutex_);
    stats_[bot_id] = std::move(stats);
}

void StatsCache::erase(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    stats_.erase(bot_id);
}

void StatsCache::put_storage(std::map<std::string, std::int64_t> sizes) {
    std::lock_guard lock(mutex_);
    storage_ = std::move(sizes);
}

std::optional<std::int64_t> StatsCache::storage(const std::string& bot_id) const {
    std::lock_guard lock(mutex_);
    auto it = storage_.find(bot_id);
    if (it == storage_.end()) return std::nullopt;
    return it->second;
}

}  // namespace nbdash::runtime
