// The question a usage report answers, read from the query string of GET /api/usage and its
// relatives, and checked before any SQL is built: unknown names and malformed values are
// refused here with the 400 codes docs/api.md lists.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbdash::usage {

enum class GroupKey { kHour, kDay, kBot, kModel, kProvider, kStatus, kChannel };

// The name of a key as it appears in report rows and CSV headers ("bot_id" for kBot).
std::string_view group_key_name(GroupKey key);

// A bound of the reported range as the caller wrote it.
struct TimeBound {
    enum class Form { kDate, kInstantWithOffset, kLocalInstant };
    std::string text;
    Form form = Form::kDate;
};

// Where the range comes from when no bound is given.
enum class DefaultRange { kLastSevenDays, kToday };

struct UsageQuery {
    std::optional<TimeBound> from;
    std::optional<TimeBound> to;
    DefaultRange default_range = DefaultRange::kLastSevenDays;
    std::string tz = "UTC";
    std::optional<std::string> bot_id;
    std::optional<std::string> model;
    std::optional<std::string> provider;
    std::optional<std::string> status;
    std::optional<std::string> channel;
    std::vector<GroupKey> group_by;
    bool csv = false;
};

using QueryParams = std::map<std::string, std::string>;

// GET /api/usage: every filter, group_by and format. Throws ClientError.
UsageQuery parse_usage_query(const QueryParams& params);

// from, to and tz only (the per-bot summary, the fleet's today figures).
UsageQuery parse_usage_range(const QueryParams& params);

// Reads one bound; throws ClientError("invalid_date") naming the parameter.
TimeBound parse_time_bound(const std::string& name, const std::string& text);

// Reads tz; throws ClientError("invalid_tz"). Whether PostgreSQL knows the zone is checked
// when the query runs.
std::string parse_time_zone(const std::optional<std::string>& text);

}  // namespace nbdash::usage
