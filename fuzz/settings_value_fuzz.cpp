// Setting values arrive from the console as JSON: check_setting_value must either accept a
// value or refuse it with ClientError, whatever the key, type or shape, and never crash.
// The first input byte picks the setting; the rest is the JSON value.
#include <array>
#include <cstdint>
#include <string_view>

#include "common/errors.hpp"
#include "settings/setting_rules.hpp"

namespace {

struct Key {
    const char* key;
    const char* type;
};

constexpr std::array<Key, 12> kKeys = {{{"bots.default_cpus", "number"},
                                        {"bots.default_memory_mb", "integer"},
                                        {"chat.turn_timeout_seconds", "integer"},
                                        {"runtime.bot_network", "string"},
                                        {"ui.default_language", "string"},
                                        {"ui.site_title", "string"},
                                        {"usage.price_table", "json"},
                                        {"usage.ledger_import_seconds", "integer"},
                                        {"alerts.rules", "json"},
                                        {"alerts.webhook_url", "string"},
                                        {"retention.usage_days", "integer"},
                                        {"no.rule.boolean", "boolean"}}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Key& key = kKeys[data[0] % kKeys.size()];
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    nbdash::Json value = nbdash::Json::parse(text, nullptr, false);
    if (value.is_discarded()) return 0;

    nbdash::db::SettingRecord setting;
    setting.key = key.key;
    setting.value_type = key.type;
    try {
        nbdash::check_setting_value(setting, value);
    } catch (const nbdash::ClientError& e) {
        if (e.code() != "invalid_value") __builtin_trap();
    }
    return 0;
}
