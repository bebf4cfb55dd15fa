#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace simbot {

// Writes one JSON line {"ts","level","msg",...fields} to stdout and flushes it, so a supervisor
// reading the pipe sees each event at once. Callers never pass secrets in fields.
void log_line(std::string_view level, std::string_view msg, const nlohmann::json& fields);

inline void log_info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object())
{
    log_line("info", msg, fields);
}

inline void log_warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object())
{
    log_line("warn", msg, fields);
}

inline void log_error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object())
{
    log_line("error", msg, fields);
}

}  // namespace simbot
