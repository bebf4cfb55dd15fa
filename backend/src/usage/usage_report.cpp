#include "usage/usage_report.hpp"

#include <charconv>
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

namespace {

// A row's members as (name, scalar) pairs. The rows of a year's report are written from these
// straight to text: building thousands of JSON objects only to print them cost more than the
// query.
using Members = std::vector<std::pair<std::string_view, Json>>;

Members figures_members(const UsageFigures& figures) {
    const auto& s = figures.sums;
    auto percentile = [&](double q) -> Json {
        auto value = latency_percentile(s.latency, q);
        return value ? Json(*value) : Json(nullptr);
    };
    std::string status = figures.cost_status();
    Members members;
    members.reserve(11);
    members.emplace_back("requests", s.requests);
    members.emplace_back("errors", s.errors);
    members.emplace_back("error_rate",
                         s.requests == 0 ? 0.0
                                         : rounded(static_cast<double>(s.errors) /
                                                       static_cast<double>(s.requests), 4));
    members.emplace_back("input_tokens", s.input_tokens);
    members.emplace_back("output_tokens", s.output_tokens);
    members.emplace_back("total_tokens", s.total_tokens);
    members.emplace_back("latency_p50_ms", percentile(0.5));
    members.emplace_back("latency_p95_ms", percentile(0.95));
    members.emplace_back("cost",
                         status == "unknown" ? Json(nullptr) : Json(rounded(figures.cost, 8)));
    members.emplace_back("cost_status", status);
    members.emplace_back("unpriced_tokens", figures.unpriced_tokens);
    return members;
}

Members row_members(const UsageReport& report, const std::vector<std::string>& keys,
                    const UsageFigures& figures) {
    Members members = figures_members(figures);
    for (std::size_t i = 0; i < report.group_by.size(); ++i) {
        GroupKey key = report.group_by[i];
        bool none = keys[i].empty() && empty_means_none(key);
        members.emplace_back(group_key_name(key), none ? Json(nullptr) : Json(keys[i]));
    }
    return members;
}

Json members_json(Members members) {
    Json out = Json::object();
    for (auto& [name, value] : members) out[std::string(name)] = std::move(value);
    return out;
}

}  // namespace

Json figures_json(const UsageFigures& figures) {
    return members_json(figures_members(figures));
}

Json report_rows_json(const UsageReport& report) {
    Json rows = Json::array();
    for (const auto& [keys, figures] : report.rows) {
        rows.push_back(members_json(row_members(report, keys, figures)));
    }
    return rows;
}

namespace {

// A scalar as JSON text; numbers through to_chars (the shortest text that reads back the same).
void append_scalar(std::string& out, const Json& value) {
    char digits[32];
    std::to_chars_result end{};
    if (value.is_number_integer()) {
        end = std::to_chars(digits, digits + sizeof digits, value.get<std::int64_t>());
    } else if (value.is_number_float()) {
        end = std::to_chars(digits, digits + sizeof digits, value.get<double>());
    } else {
        out += dump_json(value);
        return;
    }
    out.append(digits, end.ptr);
}

}  // namespace

std::string report_rows_text(const UsageReport& report) {
    std::string out = "[";
    out.reserve(report.rows.size() * (360 + 24 * report.group_by.size()));
    for (const auto& [keys, figures] : report.rows) {
        out += out.size() == 1 ? "{" : ",{";
        bool first = true;
        for (const auto& [name, value] : row_members(report, keys, figures)) {
            if (!first) out += ',';
            first = false;
            out += '"';
            out += name;  // fixed names: nothing to escape
            out += "\":";
            append_scalar(out, value);
        }
        out += '}';
    }
    return out + "]";
}

std::string report_csv(const UsageReport& report) {
    std::ostringstream out;
    for (GroupKey key : report.group_by) out << group_key_name(key) << ',';
    out << kCsvMeasures << "\r\n";
    for (const auto& [keys, figures] : report.rows) {
        Json row = members_json(row_members(report, keys, figures));
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
