// Turns the sums the database returns (one part per group and provider/model) into report rows:
// parts of a group are added up, cost is priced per provider/model from the price table, and
// latency percentiles are read off the summed histogram.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "usage/latency_histogram.hpp"
#include "usage/price_table.hpp"
#include "usage/usage_query.hpp"

namespace nbdash::usage {

struct UsageSums {
    std::int64_t requests = 0;
    std::int64_t errors = 0;  // requests whose status is not success
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t total_tokens = 0;
    LatencyHistogram latency{};

    void add(const UsageSums& other);
};

// What the database returns: the sums of one group for one provider/model.
struct UsagePart {
    std::vector<std::string> keys;  // in group_by order
    std::string provider;           // "" when the bot reported none
    std::string model;
    UsageSums sums;
};

// A group's figures with cost: known when every token was priced, partial when only some were,
// unknown (cost null, never 0) when none was.
struct UsageFigures {
    UsageSums sums;
    double cost = 0;
    bool priced_any = false;
    std::int64_t unpriced_tokens = 0;

    void add_part(const UsagePart& part, const PriceTable& prices);
    void add(const UsageFigures& other);
    std::string cost_status() const;
};

struct UsageReport {
    std::vector<GroupKey> group_by;
    std::vector<std::pair<std::vector<std::string>, UsageFigures>> rows;
    UsageFigures totals;
};

// Parts must come sorted by keys, as the store returns them.
UsageReport build_report(const std::vector<GroupKey>& group_by,
                         const std::vector<UsagePart>& parts, const PriceTable& prices);

// requests, errors, error_rate, tokens, latency percentiles, cost, cost_status, unpriced_tokens.
Json figures_json(const UsageFigures& figures);
Json report_rows_json(const UsageReport& report);
// The same rows as JSON text, written without building them as JSON values first.
std::string report_rows_text(const UsageReport& report);

// Header = the group keys then the measures; cost empty when unknown.
std::string report_csv(const UsageReport& report);

}  // namespace nbdash::usage
