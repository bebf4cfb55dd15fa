// The last sample of each running bot's resource use, written by the fleet monitor and read by
// the API (bot objects) and the fleet frames. Only bots the runtime reports running have one.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/json.hpp"

namespace nbdash::runtime {

struct BotStats {
    double cpu_percent = 0;  // of one CPU: 200 means two CPUs busy
    std::int64_t memory_bytes = 0;
    std::optional<std::int64_t> memory_limit_bytes;  // null where the runtime sets none
    std::optional<std::int64_t> storage_bytes;       // null until the folder was measured
    std::string sampled_at;
};

Json to_json(const BotStats& stats);

class StatsCache {
public:
    std::optional<BotStats> find(const std::string& bot_id) const;
    void put(const std::string& bot_id, BotStats stats);
    void erase(const std::string& bot_id);
    // Keeps only the bots in keep.
    template <class Set>
    void retain(const Set& keep) {
        std::lock_guard lock(mutex_);
        std::erase_if(stats_, [&](const auto& entry) { return !keep.count(entry.first); });
    }

    // The last measured size of every bot's folder, running or not.
    void put_storage(std::map<std::string, std::int64_t> sizes);
    std::optional<std::int64_t> storage(const std::string& bot_id) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, BotStats> stats_;
    std::map<std::string, std::int64_t> storage_;
};

}  // namespace nbdash::runtime
