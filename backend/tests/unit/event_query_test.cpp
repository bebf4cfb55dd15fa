#include "api/event_query.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"

namespace nbdash::api {

namespace {

// The error code parse_event_query throws for params, "" when it accepts them.
std::string refusal(const std::map<std::string, std::string>& params) {
    try {
        parse_event_query(params);
        return "";
    } catch (const ClientError& e) {
        return e.code();
    }
}

}  // namespace

TEST(EventQuery, DefaultsToTheNewestPageOfEverything) {
    auto query = parse_event_query({});

    EXPECT_EQ(query.limit, 50);
    EXPECT_FALSE(query.bot_id);
    EXPECT_TRUE(query.event_types.empty());
    EXPECT_FALSE(query.from);
    EXPECT_FALSE(query.text);
    EXPECT_FALSE(query.before_id);
}

TEST(EventQuery, ReadsEveryFilter) {
    auto query = parse_event_query({{"bot_id", "alpha"},
                                    {"type", "alert,alert_cleared"},
                                    {"from", "2026-12-01"},
                                    {"to", "2026-12-02T08:00:00+08:00"},
                                    {"q", "50% done"},
                                    {"before_id", "120"},
                                    {"limit", "500"}});

    EXPECT_EQ(query.bot_id, "alpha");
    EXPECT_EQ(query.event_types, (std::vector<std::string>{"alert", "alert_cleared"}));
    EXPECT_EQ(query.from, "2026-12-01T00:00:00Z");
    EXPECT_EQ(query.to, "2026-12-02T00:00:00Z");
    EXPECT_EQ(query.text, "50% done");
    EXPECT_EQ(query.before_id, 120);
    EXPECT_EQ(query.limit, 500);
}

TEST(EventQuery, RefusesBadValuesWithTheDocumentedCodes) {
    EXPECT_EQ(refusal({{"from", "yesterday"}}), "invalid_date");
    EXPECT_EQ(refusal({{"to", "2026-02-30"}}), "invalid_date");
    EXPECT_EQ(refusal({{"from", "2026-12-02"}, {"to", "2026-12-01"}}), "invalid_range");
    EXPECT_EQ(refusal({{"limit", "0"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"limit", "501"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"limit", "ten"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"before_id", "-1"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"type", "alert,"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"type", "Alert"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"bot_id", "../etc"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"q", std::string(201, 'x')}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"q", "bad \xff utf-8"}}), "invalid_parameter");
    EXPECT_EQ(refusal({{"q", std::string(200, 'x')}}), "");
    EXPECT_EQ(refusal({{"from", "2026-12-01"}, {"to", "2026-12-01"}}), "");
}

}  // namespace nbdash::api
