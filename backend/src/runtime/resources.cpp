#include "runtime/resources.hpp"

#include <unistd.h>

#include <cmath>
#include <thread>

#include "common/errors.hpp"

namespace nbdash::runtime {

namespace {

constexpr double kMinCpus = 0.01;
constexpr double kMinMemoryMb = 16;  // below this no runtime starts at all
constexpr double kMinStorageMb = 16;
constexpr double kMaxStorageMb = 1024.0 * 1024;  // 1 TiB
constexpr double kMinPids = 8;
constexpr double kMaxPids = 4'194'304;  // the kernel's own pid_max ceiling

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

double host_memory_mb() {
    long pages = ::sysconf(_SC_PHYS_PAGES);
    long page_size = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page_size <= 0) return 1 << 20;
    return static_cast<double>(static_cast<std::int64_t>(pages) * page_size / (1024 * 1024));
}

std::string shown(double value) {
    if (value == std::floor(value)) return std::to_string(static_cast<std::int64_t>(value));
    std::string text = std::to_string(value);
    while (!text.empty() && text.back() == '0') text.pop_back();
    return text;
}

double checked(const Json& resources, const char* field, double fallback, QuotaRange range,
               const char* why_max) {
    double value = number(resources, field, fallback);
    if (value < range.min || value > range.max) {
        throw ClientError("invalid_quota", std::string("resources.") + field +
                                               " must be between " + shown(range.min) +
                                               " and " + shown(range.max) + why_max);
    }
    return value;
}

}  // namespace

QuotaLimits quota_limits() {
    QuotaLimits limits;
    limits.cpus = {kMinCpus, static_cast<double>(std::max(1u, std::thread::hardware_concurrency()))};
    limits.memory_mb = {kMinMemoryMb, host_memory_mb()};
    limits.storage_mb = {kMinStorageMb, kMaxStorageMb};
    limits.pids = {kMinPids, kMaxPids};
    return limits;
}

Json to_json(const QuotaLimits& limits) {
    auto range = [](QuotaRange r) { return Json{{"min", r.min}, {"max", r.max}}; };
    return Json{{"cpus", range(limits.cpus)},
                {"memory_mb", range(limits.memory_mb)},
                {"storage_mb", range(limits.storage_mb)},
                {"pids", range(limits.pids)}};
}

Resources resources_from_env(const Json& env) {
    Resources out;
    Json resources = env.is_object() ? env.value("resources", Json::object()) : Json::object();
    if (!resources.is_object()) throw ClientError("invalid_quota", "resources must be an object");
    QuotaLimits limits = quota_limits();
    double cpus = checked(resources, "cpus", out.cpus, limits.cpus, " (this host's CPUs)");
    double memory = checked(resources, "memory_mb", static_cast<double>(out.memory_mb),
                            limits.memory_mb, " (this host's memory)");
    double storage = checked(resources, "storage_mb", static_cast<double>(out.storage_mb),
                             limits.storage_mb, "");
    double pids = checked(resources, "pids", static_cast<double>(out.pids), limits.pids, "");
    out.cpus = cpus;
    out.memory_mb = static_cast<std::int64_t>(memory);
    out.storage_mb = static_cast<std::int64_t>(storage);
    out.pids = static_cast<std::int64_t>(pids);
    return out;
}

}  // namespace nbdash::runtime
