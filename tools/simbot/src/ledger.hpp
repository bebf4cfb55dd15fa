#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace simbot {

// "YYYY-MM-DD" of `when` in UTC (nanobot's default agents.defaults.timezone).
std::string utc_day(std::chrono::system_clock::time_point when);

// "YYYY-MM-DDTHH:MM:SSZ", the ledger's updated_at format.
std::string utc_timestamp_seconds(std::chrono::system_clock::time_point when);

// Adds one turn's `usage` to ledger document `state` (schema_version 1, interface ref 6.2)
// under `day` and `source`; keeps the newest 400 days. Usage with no tokens is not recorded.
void add_usage_to_ledger(nlohmann::json& state, const std::string& day,
                         const nlohmann::json& usage, const std::string& source);

// The daily token ledger file <data>/webui/token-usage.json.
class TokenLedger {
public:
    explicit TokenLedger(std::filesystem::path path);

    // Reads, updates and atomically rewrites the file (temp + rename). Returns false and leaves
    // the old file when writing fails; the caller logs it, the turn is not affected.
    bool record(const nlohmann::json& usage, const std::string& source);

private:
    std::filesystem::path path_;
};

}  // namespace simbot
