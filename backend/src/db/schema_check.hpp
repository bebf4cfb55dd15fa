// The start-up check: every table the server uses and every core setting must exist. The server
// never creates or alters them; scripts/init-full-db.sh does.
#pragma once

#include <string>
#include <vector>

namespace nbdash::db {

struct SchemaReport {
    std::vector<std::string> missing_tables;
    std::vector<std::string> missing_settings;
    bool ok() const { return missing_tables.empty() && missing_settings.empty(); }
    // A message naming what is missing and the command that creates it.
    std::string describe() const;
};

const std::vector<std::string>& required_tables();
const std::vector<std::string>& core_setting_keys();

// Connects with the given URL (one short-lived connection) and checks. Throws on connection
// failure with a message safe to print.
SchemaReport check_schema(const std::string& database_url);

}  // namespace nbdash::db
