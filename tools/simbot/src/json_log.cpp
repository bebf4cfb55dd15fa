#include "json_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace simbot {

namespace {

std::string utc_timestamp()
{
    const auto now = std::chrono::system_clock::now();
    const auto secs = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                            now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    return buf;
}

}  // namespace

void log_line(std::string_view level, std::string_view msg, const nlohmann::json& fields)
{
    // Ordered so ts, level and msg lead every line for people reading the log.
    nlohmann::ordered_json line = {{"ts", utc_timestamp()}, {"level", level}, {"msg", msg}};
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) {
            line[key] = value;
        }
    }
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

}  // namespace simbot
