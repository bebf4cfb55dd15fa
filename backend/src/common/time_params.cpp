#include "common/time_params.hpp"

#include <fmt/format.h>

namespace nbdash {

namespace {

namespace chrono = std::chrono;

// Reads exactly `digits` decimal digits at pos, advancing it; nullopt when any is missing.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool take(std::string_view text, std::size_t& pos, char expected) {
    if (pos >= text.size() || text[pos] != expected) return false;
    ++pos;
    return true;
}

std::optional<chrono::year_month_day> read_date(std::string_view text, std::size_t& pos) {
    auto year = read_digits(text, pos, 4);
    if (!year || !take(text, pos, '-')) return std::nullopt;
    auto month = read_digits(text, pos, 2);
    if (!month || !take(text, pos, '-')) return std::nullopt;
    auto day = read_digits(text, pos, 2);
    if (!day || *year < 1) return std::nullopt;
    chrono::year_month_day date{chrono::year(*year), chrono::month(static_cast<unsigned>(*month)),
                                chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) return std::nullopt;
    return date;
}

// hh:mm[:ss[.fraction]] as a duration since midnight.
std::optional<chrono::microseconds> read_time_of_day(std::string_view text, std::size_t& pos) {
    auto hour = read_digits(text, pos, 2);
    if (!hour || !take(text, pos, ':')) return std::nullopt;
    auto minute = read_digits(text, pos, 2);
    if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
    int second = 0;
    std::int64_t micros = 0;
    if (take(text, pos, ':')) {
        auto read = read_digits(text, pos, 2);
        if (!read || *read > 59) return std::nullopt;
        second = *read;
        if (take(text, pos, '.')) {
            std::size_t start = pos;
            std::int64_t scale = 100000;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 9) {
                micros += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) return std::nullopt;
        }
    }
    return chrono::hours(*hour) + chrono::minutes(*minute) + chrono::seconds(second) +
           chrono::microseconds(micros);
}

// "Z", "+hh:mm", "+hhmm", "+hh" (or '-'; ' ' for a decoded '+') as the offset east of UTC.
std::optional<chrono::minutes> read_offset(std::string_view text, std::size_t& pos) {
    if (take(text, pos, 'Z') || take(text, pos, 'z')) return chrono::minutes(0);
    if (pos >= text.size()) return std::nullopt;
    char sign = text[pos];
    if (sign != '+' && sign != '-' && sign != ' ') return std::nullopt;
    ++pos;
    auto hours = read_digits(text, pos, 2);
    if (!hours) return std::nullopt;
    int minutes = 0;
    if (pos < text.size()) {
        take(text, pos, ':');
        auto read = read_digits(text, pos, 2);
        if (!read) return std::nullopt;
        minutes = *read;
    }
    if (*hours > 14 || minutes > 59) return std::nullopt;
    chrono::minutes offset = chrono::hours(*hours) + chrono::minutes(minutes);
    return sign == '-' ? -offset : offset;
}

}  // namespace

std::optional<InstantParam> parse_instant_param(std::string_view text) {
    std::size_t pos = 0;
    auto date = read_date(text, pos);
    if (!date) return std::nullopt;
    InstantParam param;
    param.instant = chrono::sys_days(*date);
    if (pos == text.size()) {
        param.date_only = true;
        return param;
    }
    if (!take(text, pos, 'T') && !take(text, pos, 't')) return std::nullopt;
    auto time = read_time_of_day(text, pos);
    if (!time) return std::nullopt;
    param.instant += *time;
    if (pos == text.size()) {
        param.local = true;
        return param;
    }
    auto offset = read_offset(text, pos);
    if (!offset || pos != text.size()) return std::nullopt;
    param.instant -= *offset;
    return param;
}

std::string format_instant(Instant instant) {
    auto day = chrono::floor<chrono::days>(instant);
    chrono::year_month_day date(day);
    chrono::hh_mm_ss time(instant - day);
    std::string text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                                   static_cast<int>(date.year()),
                                   static_cast<unsigned>(date.month()),
                                   static_cast<unsigned>(date.day()), time.hours().count(),
                                   time.minutes().count(), time.seconds().count());
    if (auto micros = time.subseconds().count(); micros != 0) {
        text += fmt::format(".{:06}", micros);
    }
    return text + "Z";
}

}  // namespace nbdash
