// sys_setting: platform-wide parameters, each a JSON value of a declared type.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "db/database.hpp"

namespace nbdash::db {

struct SettingRecord {
    std::string key;
    std::string name;
    std::string category;
    std::string description;
    std::string value_type;
    Json value;
    bool is_public = false;
    int sort_order = 0;
};

class SettingStore {
public:
    explicit SettingStore(Database& db);

    boost::asio::awaitable<std::map<std::string, SettingRecord>> load_all();
    std::map<std::string, SettingRecord> load_all_blocking();
    // Stores value for key only when the key has no row yet; returns true when it did.
    bool insert_if_absent_blocking(const SettingRecord& setting);
    // Stores the setting, replacing the value of an existing row.
    void upsert_blocking(const SettingRecord& setting);
    // Replaces the value of an existing row; nullopt when there is no such key.
    boost::asio::awaitable<std::optional<SettingRecord>> update_value(std::string key, Json value);

private:
    Database& db_;
};

}  // namespace nbdash::db
