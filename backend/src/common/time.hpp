// Wall-clock helpers. The API speaks ISO 8601 in UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace nbdash {

std::string iso8601_utc(std::chrono::system_clock::time_point when);
std::string now_iso8601();
std::int64_t steady_ms();

}  // namespace nbdash
