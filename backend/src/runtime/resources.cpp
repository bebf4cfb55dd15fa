#include "runtime/resources.hpp"

#include <unistd.h>

#include <cmath>
#include <thread>

#include "common/errors.hpp"

namespace nbdash::runtime {

namespace {

constexpr std::int64_t kMinMemoryMb = 16;  // below this no runtime starts at all
constexpr std::int64_t kMinPids = 8;
constexpr std::int64_t kMaxPids = 4'194'304;  // the kernel's own pid_max ceiling

double number(const Json& resources, const char* field, double fallback) {
    if (!resources.contains(field)) return fallback;
    const Json& value = resources[field];
    if (!value.is_number()) {
        throw ClientError("invalid_quota", std::string("resources.") + field + " must be a number");
    }
    double result = value.get<double>();
    if (!std::isfinite(result)) {
        throw ClientError("invalid_quota", std::string("resources.") + field + " is not finite");
    }
    return result;
}

std::int64_t host_memory_mb() {
    long pages = ::sysconf(_SC_PHYS_PAGES);
    long page_size = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page_size <= 0) return 1 << 20;
    return static_cast<std::int64_t>(pages) * page_size / (1024 * 1024);
}

}  // namespace

Resources resources_from_env(const Json& env) {
    Resources out;
    Json resources = env.is_object() ? env.value("resources", Json::object()) : Json::object();
    if (!resources.is_object()) throw ClientError("invalid_quota", "resources must be an object");

    double cpus = number(resources, "cpus", out.cpus);
    double host_cpus = std::max(1u, std::thread::hardware_concurrency());
    if (cpus < 0.01 || cpus > host_cpus) {
        throw ClientError("invalid_quota", "resources.cpus must be between 0.01 and " +
                                               std::to_string(static_cast<int>(host_cpus)) +
                                               " (this host's CPUs)");
    }
    double memory = number(resources, "memory_mb", static_cast<double>(out.memory_mb));
    if (memory < kMinMemoryMb || memory > static_cast<double>(host_memory_mb())) {
        throw ClientError("invalid_quota", "resources.memory_mb must be between " +
                                               std::to_string(kMinMemoryMb) + " and " +
                                               std::to_string(host_memory_mb()) +
                                               " (this host's memory)");
    }
    double pids = number(resources, "pids", static_cast<double>(out.pids));
    if (pids < kMinPids || pids > kMaxPids) {
        throw ClientError("invalid_quota", "resources.pids must be between " +
                                               std::to_string(kMinPids) + " and " +
                                               std::to_string(kMaxPids));
    }
    out.cpus = cpus;
    out.memory_mb = static_cast<std::int64_t>(memory);
    out.pids = static_cast<std::int64_t>(pids);
    return out;
}

}  // namespace nbdash::runtime
