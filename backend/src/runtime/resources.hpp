// The quota in a bot's env.json ("resources": cpus, memory_mb, storage_mb, pids), read and
// checked before anything is started, so a bad value is refused with nothing changed.
#pragma once

#include "common/json.hpp"
#include "runtime/runtime_driver.hpp"

namespace nbdash::runtime {

struct QuotaRange {
    double min = 0;
    double max = 0;
};

// The accepted range of each quota field on this host.
struct QuotaLimits {
    QuotaRange cpus;
    QuotaRange memory_mb;
    QuotaRange storage_mb;
    QuotaRange pids;
};

QuotaLimits quota_limits();
Json to_json(const QuotaLimits& limits);

// Reads env.json's resources (missing fields keep the defaults). Throws ClientError
// "invalid_quota" naming the field when a value is not a number or is outside quota_limits().
Resources resources_from_env(const Json& env);

}  // namespace nbdash::runtime
