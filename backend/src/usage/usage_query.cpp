#include "usage/usage_query.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "common/errors.hpp"

namespace nbdash::usage {

namespace {

struct KeyName {
    std::string_view parameter;  // as written in group_by
    GroupKey key;
};

constexpr std::array<KeyName, 7> kKeyNames = {{{"hour", GroupKey::kHour},
                                               {"day", GroupKey::kDay},
                                               {"bot", GroupKey::kBot},
                                               {"model", GroupKey::kModel},
                                               {"provider", GroupKey::kProvider},
                                               {"status", GroupKey::kStatus},
                                               {"channel", GroupKey::kChannel}}};

constexpr std::array<std::string_view, 4> kClosedStatuses = {"success", "error", "timeout",
                                                             "interrupted"};

std::optional<std::string> value_of(const QueryParams& params, const std::string& name) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

std::optional<std::string> filter_value(const QueryParams& params, const std::string& name) {
    auto value = value_of(params, name);
    if (value && (value->size() > 200 || value->find('\0') != std::string::npos)) {
        throw ClientError("invalid_parameter", name + " is longer than 200 bytes");
    }
    return value;
}

std::vector<GroupKey> parse_group_by(const std::optional<std::string>& text) {
    std::vector<GroupKey> keys;
    if (!text) return keys;
    std::size_t start = 0;
    while (start <= text->size()) {
        auto comma = text->find(',', start);
        auto name = text->substr(start, comma == std::string::npos ? std::string::npos
                                                                    : comma - start);
        auto known = std::find_if(kKeyNames.begin(), kKeyNames.end(),
                                  [&](const KeyName& k) { return k.parameter == name; });
        if (known == kKeyNames.end()) {
            throw ClientError("invalid_group_by",
                              "group_by: unknown key '" + name.substr(0, 40) +
                                  "' (use hour, day, bot, model, provider, status, channel)");
        }
        if (std::find(keys.begin(), keys.end(), known->key) == keys.end()) {
            keys.push_back(known->key);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return keys;
}

}  // namespace

std::string_view group_key_name(GroupKey key) {
    return key == GroupKey::kBot ? "bot_id"
                                 : std::find_if(kKeyNames.begin(), kKeyNames.end(),
                                                [&](const KeyName& k) { return k.key == key; })
                                       ->parameter;
}

TimeBound parse_time_bound(const std::string& name, const std::string& text) {
    // The shapes docs/api.md promises; PostgreSQL then checks the calendar (a 30 February is
    // refused as invalid_date when the query runs).
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex kInstant(
        R"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)");
    if (text.size() <= 40 && std::regex_match(text, kDate)) {
        return {text, TimeBound::Form::kDate};
    }
    if (text.size() <= 40 && std::regex_match(text, kInstant)) {
        bool offset = text.back() == 'Z' || text.find('+', 10) != std::string::npos ||
                      text.find('-', 10) != std::string::npos;
        return {text, offset ? TimeBound::Form::kInstantWithOffset
                             : TimeBound::Form::kLocalInstant};
    }
    throw ClientError("invalid_date", name + " must be a date (2026-12-01) or an ISO 8601 "
                                             "instant (2026-12-01T08:00:00Z)");
}

std::string parse_time_zone(const std::optional<std::string>& text) {
    if (!text) return "UTC";
    // IANA names only: letters, digits, '_', '-', '+', '/'. PostgreSQL would also take POSIX
    // strings such as "UTC+8", whose sign is the reverse of what people expect.
    static const std::regex kZone(R"([A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2})");
    if (text->size() > 64 || !std::regex_match(*text, kZone) ||
        (text->find('/') == std::string::npos && text->find_first_of("+-0123456789") !=
                                                     std::string::npos)) {
        throw ClientError("invalid_tz", "tz must be an IANA time zone such as Asia/Shanghai");
    }
    return *text;
}

UsageQuery parse_usage_range(const QueryParams& params) {
    UsageQuery query;
    if (auto from = value_of(params, "from")) query.from = parse_time_bound("from", *from);
    if (auto to = value_of(params, "to")) query.to = parse_time_bound("to", *to);
    query.tz = parse_time_zone(value_of(params, "tz"));
    return query;
}

UsageQuery parse_usage_query(const QueryParams& params) {
    UsageQuery query = parse_usage_range(params);
    query.bot_id = filter_value(params, "bot_id");
    query.model = filter_value(params, "model");
    query.provider = filter_value(params, "provider");
    query.channel = filter_value(params, "channel");
    query.status = filter_value(params, "status");
    if (query.status && std::find(kClosedStatuses.begin(), kClosedStatuses.end(),
                                  *query.status) == kClosedStatuses.end()) {
        throw ClientError("invalid_parameter",
                          "status must be one of success, error, timeout, interrupted");
    }
    query.group_by = parse_group_by(value_of(params, "group_by"));
    auto format = value_of(params, "format");
    if (format && *format != "csv" && *format != "json") {
        throw ClientError("invalid_parameter", "format must be json or csv");
    }
    query.csv = format == "csv";
    return query;
}

}  // namespace nbdash::usage
