#include "usage/latency_histogram.hpp"

#include <cmath>

namespace nbdash::usage {

std::optional<std::int64_t> latency_percentile(const LatencyHistogram& histogram, double q) {
    std::int64_t total = 0;
    for (auto count : histogram) total += count;
    if (total <= 0) return std::nullopt;

    // Rank of the wanted request, 1-based: the p95 of 20 requests is the 19th.
    double rank = std::max(1.0, std::ceil(q * static_cast<double>(total)));
    std::int64_t below = 0;
    for (std::size_t b = 0; b < kLatencyBuckets; ++b) {
        auto count = histogram[b];
        if (count <= 0 || static_cast<double>(below + count) < rank) {
            below += std::max<std::int64_t>(count, 0);
            continue;
        }
        std::int64_t lower = b == 0 ? 0 : kLatencyBoundsMs[b - 1];
        if (b == kLatencyBuckets - 1) return lower;
        std::int64_t upper = kLatencyBoundsMs[b];
        double inside = (rank - static_cast<double>(below)) / static_cast<double>(count);
        return lower + static_cast<std::int64_t>(std::llround(inside * (upper - lower)));
    }
    return kLatencyBoundsMs.back();
}

}  // namespace nbdash::usage
