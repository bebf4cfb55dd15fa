#include "settings/setting_rules.hpp"

#include <map>

#include "alerts/alert_rules.hpp"
#include "common/errors.hpp"
#include "usage/price_table.hpp"

namespace nbdash {

namespace {

SettingRule range(double min, double max) {
    SettingRule rule;
    rule.min = min;
    rule.max = max;
    return rule;
}

SettingRule choices(std::vector<std::string> values) {
    SettingRule rule;
    rule.choices = std::move(values);
    return rule;
}

SettingRule text(std::size_t max_length) {
    SettingRule rule;
    rule.max_length = max_length;
    return rule;
}

const std::map<std::string, SettingRule>& rules() {
    static const std::map<std::string, SettingRule> table = {
        {"bots.default_image_tag", text(255)},
        {"bots.default_model", text(255)},
        {"bots.default_cpus", range(0.01, 1024)},
        {"bots.default_memory_mb", range(16, 1024 * 1024)},
        {"bots.default_storage_mb", range(16, 1024 * 1024)},
        {"bots.default_pids", range(8, 4'194'304)},
        {"bots.max_persona_file_bytes", range(1024, 4 * 1024 * 1024)},
        {"bots.storage_check_interval_seconds", range(1, 86400)},
        {"chat.turn_timeout_seconds", range(5, 86400)},
        {"chat.history_page_size", range(1, 500)},
        {"chat.max_message_bytes", range(1, 16 * 1024 * 1024)},
        {"chat.upload_max_bytes", range(1, 1024 * 1024 * 1024)},
        {"chat.max_queued_messages", range(1, 1000)},
        {"runtime.docker_data_path", text(1024)},
        {"runtime.stop_grace_seconds", range(0, 600)},
        {"runtime.bot_network", choices({"bridge", "host"})},
        {"alerts.check_seconds", range(1, 86400)},
        {"retention.usage_days", range(0, 36500)},
        {"retention.events_days", range(0, 36500)},
        {"retention.messages_days", range(0, 36500)},
        {"retention.purge_interval_minutes", range(1, 10080)},
        {"retention.batch_size", range(1, 100000)},
        {"auth.session_ttl_hours", range(1, 8760)},
        {"auth.login_max_attempts", range(1, 1000)},
        {"auth.login_window_seconds", range(1, 86400)},
        {"ui.site_title", text(100)},
        {"ui.default_language", choices({"en", "zh-CN"})},
        {"settings.reload_interval_seconds", range(5, 3600)},
        {"usage.ledger_import_seconds", range(10, 86400)},
        // Whether PostgreSQL knows the zone is checked by the database (sys_setting trigger).
        {"usage.report_time_zone", text(64)},
    };
    return table;
}

[[noreturn]] void invalid(const std::string& key, const std::string& why) {
    throw ClientError("invalid_value", key + " " + why);
}

std::string shown(double value) {
    Json number = value;
    if (value == static_cast<double>(static_cast<std::int64_t>(value))) {
        number = static_cast<std::int64_t>(value);
    }
    return number.dump();
}

}  // namespace

std::optional<SettingRule> setting_rule(const std::string& key) {
    auto it = rules().find(key);
    if (it == rules().end()) return std::nullopt;
    return it->second;
}

bool is_hidden_setting(const std::string& key) { return key == "auth.admin_password_hash"; }

void check_setting_value(const db::SettingRecord& setting, const Json& value) {
    const std::string& key = setting.key;
    const std::string& type = setting.value_type;
    // Settings whose value has a shape of its own, checked before the generic rules.
    if (key == "alerts.rules") {
        if (auto problem = alerts::alert_rules_problem(value)) invalid(key, *problem);
    }
    if (key == "alerts.webhook_url" && value.is_string() &&
        !value.get_ref<const std::string&>().empty() &&
        !value.get_ref<const std::string&>().starts_with("http://")) {
        invalid(key, "must be empty or an http:// URL");
    }
    if (type == "string" && !value.is_string()) invalid(key, "must be a string");
    if (type == "integer" && !value.is_number_integer()) invalid(key, "must be an integer");
    if (type == "number" && !value.is_number()) invalid(key, "must be a number");
    if (type == "boolean" && !value.is_boolean()) invalid(key, "must be true or false");
    if (type == "json" && !value.is_object() && !value.is_array()) {
        invalid(key, "must be a JSON object or list");
    }
    if (key == "usage.price_table") {
        if (auto problem = usage::price_table_problem(value)) invalid(key, *problem);
    }
    auto rule = setting_rule(key);
    if (!rule) return;
    if (value.is_number()) {
        double number = value.get<double>();
        if ((rule->min && number < *rule->min) || (rule->max && number > *rule->max)) {
            invalid(key, "must be between " + shown(rule->min.value_or(0)) + " and " +
                             shown(rule->max.value_or(0)));
        }
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.size() > rule->max_length) {
            invalid(key, "must be at most " + std::to_string(rule->max_length) + " bytes");
        }
        if (text.find('\0') != std::string::npos) invalid(key, "must not contain NUL");
        if (!rule->choices.empty()) {
            bool listed = false;
            for (const auto& choice : rule->choices) listed = listed || choice == text;
            if (!listed) {
                std::string list;
                for (const auto& choice : rule->choices) list += (list.empty() ? "" : ", ") + choice;
                invalid(key, "must be one of: " + list);
            }
        } else if (text.empty()) {
            invalid(key, "must not be empty");
        }
    }
}

Json setting_json(const db::SettingRecord& setting) {
    Json out = {{"key", setting.key},
                {"name", setting.name},
                {"description", setting.description},
                {"value_type", setting.value_type},
                {"value", setting.value},
                {"is_public", setting.is_public},
                {"sort_order", setting.sort_order}};
    if (auto rule = setting_rule(setting.key)) {
        if (rule->min) out["min"] = *rule->min;
        if (rule->max) out["max"] = *rule->max;
        if (!rule->choices.empty()) out["enum"] = rule->choices;
    }
    return out;
}

}  // namespace nbdash
