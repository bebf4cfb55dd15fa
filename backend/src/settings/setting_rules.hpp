// Checks on a setting value beyond its value_type: the range or choices each setting the server
// reads accepts. Kept in code next to the readers, so a bad value is refused before it is
// stored rather than ignored later.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "db/setting_store.hpp"

namespace nbdash {

struct SettingRule {
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> choices;  // for strings; empty = any
    std::size_t max_length = 4096;     // for strings, in bytes
};

// The rule of a key; a key without one only has its value_type checked.
std::optional<SettingRule> setting_rule(const std::string& key);

// Throws ClientError "invalid_value" naming the key when value does not fit the setting's
// value_type or rule.
void check_setting_value(const db::SettingRecord& setting, const Json& value);

// The setting as the API shows it, with min / max / enum where it has them.
Json setting_json(const db::SettingRecord& setting);

// Settings no API returns or changes (the admin password hash).
bool is_hidden_setting(const std::string& key);

}  // namespace nbdash
