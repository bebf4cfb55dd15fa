// Reading the event log's query parameters (docs/api.md, "Event log") into an EventQuery.
#pragma once

#include <map>
#include <string>

#include "db/event_store.hpp"

namespace nbdash::api {

inline constexpr int kDefaultEventPage = 50;
inline constexpr int kMaxEventPage = 500;
inline constexpr std::size_t kMaxEventSearchBytes = 200;

// The query for GET /api/events from its decoded parameters. Throws ClientError with code
// invalid_date (a from/to that is no ISO instant or date), invalid_range (from after to) or
// invalid_parameter (any other bad value), naming the parameter.
db::EventQuery parse_event_query(const std::map<std::string, std::string>& params);

}  // namespace nbdash::api
