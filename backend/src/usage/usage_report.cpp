#include "usage/usage_report.hpp"

#include <cmath>
#include <sstream>

namespace nbdash::usage {

namespace {

constexpr const char* kCsvMeasures =
    "requests,errors,error_rate,input_tokens,output_tokens,total_tokens,latency_p50_ms,"
    "latency_p95_ms,cost,cost_status,unpriced_tokens";

// Keys whose stored "" means "the bot reported none".
bool empty_means_none(GroupKey key) {
    return key == GroupKey::kModel || key == GroupKey::kProvider;
}

double rounded(double value, int digits) {
    double scale = std::pow(10.0, digits);
    return std::round(value * scale) / scale;
}

// Model names come from the bots: a name starting with = + - @ would run as a formula in a
// spreadsheet, so such text is prefixed with a quote.
std::string csv_field(std::string text) {
    if (!text.empty() && std::string_view("=+-@\t").find(text[0]) != std::string_view::npos) {
        text.insert(0, "'");
    }
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string csv_value(const Json& value) {
    if (value.is_null()) return "";
    if (value.is_string()) return csv_field(value.get<std::string>());
    return value.dump();
}

}  // namespace

void UsageSums::add(const UsageSums& other) {
    requests += other.requests;
    errors += other.errors;
    input_tokens += other.input_tokens;
    output_tokens += other.output_tokens;
    total_tokens += other.total_tokens;
    for (std::size_t b = 0; b < kLatencyBuckets; ++b) latency[b] += other.latency[b];
}

void UsageFigures::add_part(const UsagePart& part, const PriceTable& prices) {
    sums.add(part.sums);
    if (auto price = prices.find(part.provider, part.model)) {
        priced_any = true;
        cost += (static_cast<double>(part.sums.input_tokens) * price->input_per_mtok +
                 static_cast<double>(part.sums.output_tokens) * price->output_per_mtok) /
                1e6;
    } else {
        unpriced_tokens += part.sums.total_tokens;
    }
}

void UsageFigures::add(const UsageFigures& other) {
    sums.add(other.sums);
    cost += other.cost;
    priced_any = priced_any || other.priced_any;
    unpriced_tokens += other.unpriced_tokens;
}

std::string UsageFigures::cost_status() const {
    if (unpriced_tokens == 0) return "known";
    return priced_any ? "partial" : "unknown";
}

UsageReport build_report(const std::vector<GroupKey>& group_by,
                         const std::vector<UsagePart>& parts, const PriceTable& prices) {
    UsageReport report;
    report.group_by = group_by;
    for (const auto& part : parts) {
        if (report.rows.empty() || report.rows.back().first != part.keys) {
            report.rows.emplace_back(part.keys, UsageFigures{});
        }
        report.rows.back().second.add_part(part, prices);
    }
    for (const auto& [keys, figures] : report.rows) report.totals.add(figures);
    return report;
}

Json figures_json(const UsageFigures& figures) {
    const auto& s = figures.sums;
    auto percentile = [&](double q) -> Json {
        auto value = latency_percentile(s.latency, q);
        return value ? Json(*value) : Json(nullptr);
    };
    std::string status = figures.cost_status();
    return {{"requests", s.requests},
            {"errors", s.errors},
            {"error_rate", s.requests == 0 ? 0.0
                                           : rounded(static_cast<double>(s.errors) /
                                                         static_cast<double>(s.requests), 4)},
            {"input_tokens", s.input_tokens},
            {"output_tokens", s.output_tokens},
            {"total_tokens", s.total_tokens},
            {"latency_p50_ms", percentile(0.5)},
            {"latency_p95_ms", percentile(0.95)},
            {"cost", status == "unknown" ? Json(nullptr) : Json(rounded(figures.cost, 8))},
            {"cost_status", status},
            {"unpriced_tokens", figures.unpriced_tokens}};
}

Json report_rows_json(const UsageReport& report) {
    Json rows = Json::array();
    for (const auto& [keys, figures] : report.rows) {
        Json row = Json::object();
        for (std::size_t i = 0; i < report.group_by.size(); ++i) {
            GroupKey key = report.group_by[i];
            bool none = keys[i].empty() && empty_means_none(key);
            row[std::string(group_key_name(key))] = none ? Json(nullptr) : Json(keys[i]);
        }
        row.update(figures_json(figures));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string report_csv(const UsageReport& report) {
    std::ostringstream out;
    for (GroupKey key : report.group_by) out << group_key_name(key) << ',';
    out << kCsvMeasures << "\r\n";
    Json rows = report_rows_json(report);
    for (const auto& row : rows) {
        for (GroupKey key : report.group_by) {
            out << csv_value(row[std::string(group_key_name(key))]) << ',';
        }
        bool first = true;
        std::istringstream measures(kCsvMeasures);
        for (std::string name; std::getline(measures, name, ',');) {
            out << (first ? "" : ",") << csv_value(row[name]);
            first = false;
        }
        out << "\r\n";
    }
    return out.str();
}

}  // namespace nbdash::usage
