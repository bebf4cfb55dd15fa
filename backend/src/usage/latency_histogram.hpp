// Latency percentiles from the 16-bucket histogram the usage rollups keep (lat_b00..lat_b15).
// The bounds are the ones nbdash_latency_bucket() in scripts/sql/create-tables.sql uses; the
// two must change together.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace nbdash::usage {

inline constexpr std::size_t kLatencyBuckets = 16;

// Upper bound (exclusive) of buckets 0..14 in milliseconds; bucket 15 is open.
inline constexpr std::array<std::int64_t, kLatencyBuckets - 1> kLatencyBoundsMs = {
    50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 3000, 5000, 8000, 13000, 20000, 40000};

using LatencyHistogram = std::array<std::int64_t, kLatencyBuckets>;

// The q-quantile (0 < q <= 1) in ms, linearly interpolated inside its bucket; the open last
// bucket answers its lower bound (40 s). nullopt when the histogram is empty.
std::optional<std::int64_t> latency_percentile(const LatencyHistogram& histogram, double q);

}  // namespace nbdash::usage
