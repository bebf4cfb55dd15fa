#include "common/log.hpp"

#include <atomic>

#include <nlohmann/json.hpp>

#include "common/time.hpp"

namespace nbdash::log {

namespace {

std::atomic<Format> g_format{Format::kText};

bool needs_quotes(std::string_view value) {
    if (value.empty()) return true;
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t') return true;
    }
    return false;
}

}  // namespace

void init(Format format, spdlog::level::level_enum level) {
    g_format = format;
    spdlog::set_level(level);
    if (format == Format::kJson) {
        // The message itself is a complete JSON object; the pattern only adds nothing.
        spdlog::set_pattern("%v");
    } else {
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
    }
}

void write(spdlog::level::level_enum level, std::string_view message,
           std::initializer_list<Field> fields) {
    if (!spdlog::should_log(level)) return;
    if (g_format.load() == Format::kJson) {
        nlohmann::json line = nlohmann::json::object();
        line["ts"] = now_iso8601();
        line["level"] = spdlog::level::to_string_view(level).data();
        line["msg"] = message;
        for (const auto& field : fields) line[std::string(field.key)] = field.value;
        spdlog::log(level, "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
    }
    std::string text(message);
    for (const auto& field : fields) {
        text += ' ';
        text += field.key;
        text += '=';
        if (needs_quotes(field.value)) {
            text += nlohmann::json(field.value)
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        } else {
            text += field.value;
        }
    }
    spdlog::log(level, "{}", text);
}

}  // namespace nbdash::log
