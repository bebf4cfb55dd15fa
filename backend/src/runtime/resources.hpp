// The quota in a bot's env.json ("resources": cpus, memory_mb, pids), read and checked before
// anything is started, so a bad value is refused with nothing changed.
#pragma once

#include "common/json.hpp"
#include "runtime/runtime_driver.hpp"

namespace nbdash::runtime {

// Reads env.json's resources (missing fields keep the defaults). Throws ClientError
// "invalid_quota" naming the field when a value is not a number, is zero or negative, or
// exceeds what this host has (CPUs, memory) or a sane bound (pids).
Resources resources_from_env(const Json& env);

}  // namespace nbdash::runtime
