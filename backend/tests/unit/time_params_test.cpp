#include "common/time_params.hpp"

#include <gtest/gtest.h>

namespace nbdash {

namespace {

std::string parsed(const std::string& text) {
    auto param = parse_instant_param(text);
    return param ? format_instant(param->instant) : "invalid";
}

}  // namespace

TEST(InstantParam, ReadsUtcInstants) {
    EXPECT_EQ(parsed("2026-12-01T00:00:00Z"), "2026-12-01T00:00:00Z");
    EXPECT_EQ(parsed("2026-12-01T08:30Z"), "2026-12-01T08:30:00Z");
    EXPECT_EQ(parsed("2026-12-01t08:30:15z"), "2026-12-01T08:30:15Z");
}

TEST(InstantParam, AppliesOffsets) {
    EXPECT_EQ(parsed("2026-12-01T08:00:00+08:00"), "2026-12-01T00:00:00Z");
    EXPECT_EQ(parsed("2026-12-01T00:00:00-05:30"), "2026-12-01T05:30:00Z");
    EXPECT_EQ(parsed("2026-12-01T08:00:00+0800"), "2026-12-01T00:00:00Z");
    EXPECT_EQ(parsed("2026-12-01T08:00:00+08"), "2026-12-01T00:00:00Z");
    EXPECT_EQ(parsed("2026-01-01T01:00:00+02:00"), "2025-12-31T23:00:00Z");
}

TEST(InstantParam, TakesASpaceForADecodedPlus) {
    EXPECT_EQ(parsed("2026-12-01T08:00:00 08:00"), "2026-12-01T00:00:00Z");
}

TEST(InstantParam, KeepsMicrosecondsAndDropsFinerDigits) {
    EXPECT_EQ(parsed("2026-12-01T00:00:00.5Z"), "2026-12-01T00:00:00.500000Z");
    EXPECT_EQ(parsed("2026-12-01T00:00:00.123456789Z"), "2026-12-01T00:00:00.123456Z");
}

TEST(InstantParam, ReadsATimeWithoutZoneAsLocalWallClock) {
    auto param = parse_instant_param("2026-12-01T08:30:00");

    ASSERT_TRUE(param);
    EXPECT_TRUE(param->local);
    EXPECT_FALSE(param->date_only);
    EXPECT_EQ(format_instant(param->instant), "2026-12-01T08:30:00Z");
    EXPECT_FALSE(parse_instant_param("2026-12-01T08:30:00Z")->local);
}

TEST(InstantParam, ReadsPlainDatesAsUtcMidnight) {
    auto param = parse_instant_param("2026-02-28");

    ASSERT_TRUE(param);
    EXPECT_TRUE(param->date_only);
    EXPECT_EQ(format_instant(param->instant), "2026-02-28T00:00:00Z");
    EXPECT_FALSE(parse_instant_param("2026-02-28T00:00:00Z")->date_only);
}

TEST(InstantParam, RefusesMalformedOrImpossibleValues) {
    for (const char* bad :
         {"", "yesterday", "2026-13-01", "2026-02-30", "2026-12-1", "2026-12-01T",
          "2026-12-01T24:00Z", "2026-12-01T08:60Z", "2026-12-01T08:00:61Z",
          "2026-12-01T08:00:00+15:00", "2026-12-01T08:00:00Zjunk", "2026-12-01 08:00:00Z",
          "0000-01-01", "2026-12-01T08:00:00.Z", "12026-01-01", "2026-12-01T08:00:00+8"}) {
        EXPECT_FALSE(parse_instant_param(bad)) << bad;
    }
}

}  // namespace nbdash
