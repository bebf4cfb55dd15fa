// The platform settings the server reads, cached in memory. Readers get the stored value or the
// given default; reload() picks up changes made through the API or directly in the table.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "db/setting_store.hpp"

namespace nbdash {

class Settings {
public:
    explicit Settings(db::SettingStore& store) : store_(store) {}

    void load_blocking();
    boost::asio::awaitable<void> reload();
    // Re-reads the table every settings.reload_interval_seconds, so values changed directly in
    // the database take effect without a restart. Runs until the io_context stops.
    boost::asio::awaitable<void> reload_periodically();

    std::string get_string(const std::string& key, const std::string& fallback) const;
    std::int64_t get_int(const std::string& key, std::int64_t fallback) const;
    double get_number(const std::string& key, double fallback) const;
    bool get_bool(const std::string& key, bool fallback) const;
    // The stored JSON value; null when the key is absent.
    Json get_json(const std::string& key) const { return get(key); }

private:
    Json get(const std::string& key) const;

    db::SettingStore& store_;
    mutable std::mutex mutex_;
    std::map<std::string, db::SettingRecord> values_;
};

}  // namespace nbdash
