#include "db/setting_store.hpp"

#include "common/errors.hpp"

namespace nbdash::db {

namespace {

SettingRecord to_setting(const pqxx::row& row) {
    SettingRecord s;
    s.key = row["key"].as<std::string>();
    s.name = row["name"].as<std::string>();
    s.category = row["category"].as<std::string>();
    s.description = row["description"].as<std::string>();
    s.value_type = row["value_type"].as<std::string>();
    s.value = Json::parse(row["value_json"].as<std::string>(), nullptr, false);
    s.is_public = row["is_public"].as<bool>();
    s.sort_order = row["sort_order"].as<int>();
    return s;
}

std::map<std::string, SettingRecord> load_in(pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    std::map<std::string, SettingRecord> settings;
    for (const auto& row : tx.exec_prepared("setting_all")) {
        SettingRecord s = to_setting(row);
        settings.emplace(s.key, std::move(s));
    }
    return settings;
}

}  // namespace

SettingStore::SettingStore(Database& db) : db_(db) {
    db_.prepare("setting_all",
                "SELECT key, name, category, description, value_type, value_json::text "
                "AS value_json, is_public, sort_order FROM sys_setting "
                "ORDER BY category, sort_order, key");
    db_.prepare("setting_insert_if_absent",
                "INSERT INTO sys_setting (key, name, category, description, value_type, "
                "value_json, is_public, sort_order) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) "
                "ON CONFLICT (key) DO NOTHING");
    db_.prepare("setting_update_value",
                "UPDATE sys_setting SET value_json = $2::jsonb WHERE key = $1 RETURNING key, name, "
                "category, description, value_type, value_json::text AS value_json, is_public, "
                "sort_order");
    db_.prepare("setting_upsert",
                "INSERT INTO sys_setting (key, name, category, description, value_type, "
                "value_json, is_public, sort_order) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) "
                "ON CONFLICT (key) DO UPDATE SET value_json = EXCLUDED.value_json, "
                "updated_at = now()");
}

void SettingStore::upsert_blocking(const SettingRecord& s) {
    db_.run_blocking([&s](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_prepared("setting_upsert", s.key, s.name, s.category, s.description, s.value_type,
                         dump_json(s.value), s.is_public, s.sort_order);
        tx.commit();
        return 0;
    });
}

boost::asio::awaitable<std::map<std::string, SettingRecord>> SettingStore::load_all() {
    return db_.run([](pqxx::connection& c) { return load_in(c); });
}

std::map<std::string, SettingRecord> SettingStore::load_all_blocking() {
    return db_.run_blocking([](pqxx::connection& c) { return load_in(c); });
}

bool SettingStore::insert_if_absent_blocking(const SettingRecord& s) {
    return db_.run_blocking([&s](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("setting_insert_if_absent", s.key, s.name, s.category,
                                       s.description, s.value_type, dump_json(s.value),
                                       s.is_public, s.sort_order);
        tx.commit();
        return result.affected_rows() > 0;
    });
}

boost::asio::awaitable<std::optional<SettingRecord>> SettingStore::update_value(std::string key,
                                                                             Json value) {
    return db_.run([key = std::move(key), value = std::move(value)](
                       pqxx::connection& c) -> std::optional<SettingRecord> {
        pqxx::work tx(c);
        pqxx::result result;
        try {
            result = tx.exec_prepared("setting_update_value", key, dump_json(value));
        } catch (const pqxx::data_exception& e) {
            // A check the database makes itself (usage.report_time_zone: a zone it knows).
            std::string why = e.what();
            if (why.starts_with("ERROR:")) why = why.substr(6);
            why.erase(0, std::min(why.size(), why.find_first_not_of(' ')));
            throw ClientError("invalid_value", key + ": " + why.substr(0, why.find('\n')));
        }
        tx.commit();
        if (result.empty()) return std::nullopt;
        return to_setting(result[0]);
    });
}

}  // namespace nbdash::db
