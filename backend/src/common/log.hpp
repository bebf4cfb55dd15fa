// The one logger. Messages are constant strings; values go in fields, written as
// `key=value` pairs in text mode and as JSON members in json mode.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace nbdash::log {

enum class Format { kText, kJson };

void init(Format format, spdlog::level::level_enum level);

struct Field {
    std::string_view key;
    std::string value;
};

template <class T>
Field kv(std::string_view key, const T& value) {
    return Field{key, fmt::format("{}", value)};
}

void write(spdlog::level::level_enum level, std::string_view message,
           std::initializer_list<Field> fields);

inline void info(std::string_view m, std::initializer_list<Field> f = {}) {
    write(spdlog::level::info, m, f);
}
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) {
    write(spdlog::level::warn, m, f);
}
inline void error(std::string_view m, std::initializer_list<Field> f = {}) {
    write(spdlog::level::err, m, f);
}
inline void debug(std::string_view m, std::initializer_list<Field> f = {}) {
    write(spdlog::level::debug, m, f);
}

}  // namespace nbdash::log
