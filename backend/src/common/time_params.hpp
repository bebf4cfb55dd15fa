// Instants given as query parameters: ISO 8601 instants with a zone designator or offset, or
// plain dates. Shared by the event log and the usage reports, so both accept the same forms.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nbdash {

// Microseconds: PostgreSQL's timestamptz resolution, so a parsed value round-trips exactly.
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

struct InstantParam {
    // The instant in UTC. For a plain date: that date's midnight in UTC.
    Instant instant;
    // True for a plain date ("2026-12-01"): a caller working in another zone places its
    // midnight there itself (the date is instant's UTC calendar date).
    bool date_only = false;
    // True for a date and time without zone designator ("2026-12-01T08:00:00"): a wall-clock
    // time, read here as UTC; a caller working in another zone places it there itself.
    bool local = false;
};

// Parses "2026-12-01T08:00:00Z", "2026-12-01T08:00:00.123+08:00", "...-0530",
// "2026-12-01T08:00Z", "2026-12-01T08:00:00" (local) or "2026-12-01". A space stands for '+'
// before an offset, because an unescaped '+' in a query string arrives decoded as a space.
// nullopt when malformed or out of range (years 1–9999).
std::optional<InstantParam> parse_instant_param(std::string_view text);

// "2026-12-01T08:00:00Z", with ".ffffff" only when the instant has a fraction of a second:
// the form PostgreSQL's timestamptz input accepts and the API answers with.
std::string format_instant(Instant instant);

}  // namespace nbdash
