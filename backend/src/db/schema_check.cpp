#include "db/schema_check.hpp"

#include <set>

#include <pqxx/pqxx>

namespace nbdash::db {

const std::vector<std::string>& required_tables() {
    static const std::vector<std::string> tables = {
        "bot_image",         "bot_instance", "bot_message",      "bot_request_usage",
        "bot_activity_event", "sys_setting", "skill_market_item",
        "bot_usage_hourly",  "fleet_usage_hourly", "fleet_model_hourly", "fleet_model_daily",
        "bot_usage_ledger",  "bot_alert",         "api_token",
        "bot_file_revision",
    };
    return tables;
}

const std::vector<std::string>& core_setting_keys() {
    // Every setting the server reads. Each has a row, description and default in init-data.sql.
    static const std::vector<std::string> keys = {
        "bots.default_image_tag", "bots.default_model",       "bots.default_cpus",
        "bots.default_memory_mb", "bots.default_storage_mb",  "bots.default_pids",
        "chat.turn_timeout_seconds", "chat.history_page_size", "chat.max_message_bytes",
        "chat.max_queued_messages",
        "runtime.stop_grace_seconds", "auth.session_ttl_hours", "auth.login_max_attempts",
        "auth.login_window_seconds", "ui.site_title",
        "usage.price_table", "usage.ledger_import_seconds", "usage.report_time_zone",
        "alerts.rules",
        "alerts.check_seconds", "alerts.webhook_url", "retention.usage_days",
        "retention.events_days", "retention.messages_days", "retention.purge_interval_minutes",
        "retention.batch_size",
        "bots.max_persona_file_bytes", "bots.storage_check_interval_seconds",
        "settings.reload_interval_seconds",
    };
    return keys;
}

std::string SchemaReport::describe() const {
    std::string text = "the database is not initialised:";
    if (!missing_tables.empty()) {
        text += " missing tables:";
        for (const auto& t : missing_tables) text += " " + t;
        text += ";";
    }
    if (!missing_settings.empty()) {
        text += " missing core settings:";
        for (const auto& s : missing_settings) text += " " + s;
        text += ";";
    }
    text += " run scripts/init-full-db.sh (it creates the tables with "
            "scripts/sql/create-tables.sql and the settings with scripts/sql/init-data.sql)";
    return text;
}

SchemaReport check_schema(const std::string& database_url) {
    pqxx::connection connection(database_url);
    pqxx::read_transaction tx(connection);
    SchemaReport report;

    std::set<std::string> present;
    for (const auto& row : tx.exec("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                                   "ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') "
                                   "AND n.nspname = ANY (current_schemas(false))")) {
        present.insert(row[0].as<std::string>());
    }
    for (const auto& table : required_tables()) {
        if (!present.count(table)) report.missing_tables.push_back(table);
    }
    // Columns added to existing tables after the first release (create-tables.sql adds them).
    if (present.count("bot_instance") &&
        tx.exec("SELECT 1 FROM information_schema.columns WHERE table_name = 'bot_instance' "
                "AND column_name = 'needs_restart' AND table_schema = ANY "
                "(current_schemas(false))").empty()) {
        const std::string missing_column = "bot_instance.needs_restart (column)";
        report.missing_tables.push_back(missing_column);
    }
    if (!present.count("sys_setting")) return report;

    std::set<std::string> keys;
    for (const auto& row : tx.exec("SELECT key FROM sys_setting")) {
        keys.insert(row[0].as<std::string>());
    }
    for (const auto& key : core_setting_keys()) {
        if (!keys.count(key)) report.missing_settings.push_back(key);
    }
    return report;
}

}  // namespace nbdash::db
