#include "ledger.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace simbot {
namespace {

const nlohmann::json kUsage = {{"prompt_tokens", 100}, {"completion_tokens", 20},
                               {"total_tokens", 120}, {"provider_tokens", 120},
                               {"request_count", 1}};

TEST(Ledger, StartsFreshDocumentAndAddsUserSource)
{
    nlohmann::json state;

    add_usage_to_ledger(state, "2026-01-02", kUsage, "user");

    EXPECT_EQ(state["schema_version"], 1);
    const auto& day = state["days"]["2026-01-02"];
    EXPECT_EQ(day["date"], "2026-01-02");
    EXPECT_EQ(day["prompt_tokens"], 100);
    EXPECT_EQ(day["total_tokens"], 120);
    EXPECT_EQ(day["requests"], 1);
    EXPECT_EQ(day["provider_requests"], 1);
    EXPECT_EQ(day["estimated_requests"], 0);
    EXPECT_EQ(day["sources"]["user"]["completion_tokens"], 20);
}

TEST(Ledger, AccumulatesWithinADay)
{
    nlohmann::json state;

    add_usage_to_ledger(state, "2026-01-02", kUsage, "user");
    add_usage_to_ledger(state, "2026-01-02", kUsage, "user");

    EXPECT_EQ(state["days"]["2026-01-02"]["total_tokens"], 240);
    EXPECT_EQ(state["days"]["2026-01-02"]["sources"]["user"]["requests"], 2);
}

TEST(Ledger, SkipsUsageWithoutTokensAndFillsMissingTotal)
{
    nlohmann::json state;

    add_usage_to_ledger(state, "2026-01-02", {{"prompt_tokens", 0}, {"request_count", 1}}, "user");
    EXPECT_TRUE(state["days"].empty());

    add_usage_to_ledger(state, "2026-01-02", {{"prompt_tokens", 5}, {"completion_tokens", 2}},
                        "user");
    EXPECT_EQ(state["days"]["2026-01-02"]["total_tokens"], 7);
    EXPECT_EQ(state["days"]["2026-01-02"]["provider_tokens"], 7);
}

TEST(Ledger, KeepsNewest400Days)
{
    nlohmann::json state;
    for (int i = 0; i < 401; ++i) {
        const int year = 2000 + i / 300;
        const int doy = i % 300;
        char day[16];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", year, 1 + doy / 28, 1 + doy % 28);
        add_usage_to_ledger(state, day, kUsage, "user");
    }

    EXPECT_EQ(state["days"].size(), 400u);
    EXPECT_FALSE(state["days"].contains("2000-01-01"));
}

TEST(Ledger, RecordWritesFileAtomically)
{
    const auto dir = std::filesystem::temp_directory_path() / "simbot_ledger_test";
    std::filesystem::remove_all(dir);
    TokenLedger ledger(dir / "webui" / "token-usage.json");

    ASSERT_TRUE(ledger.record(kUsage, "user"));
    ASSERT_TRUE(ledger.record(kUsage, "user"));

    std::ifstream in(dir / "webui" / "token-usage.json");
    const auto doc = nlohmann::json::parse(in);
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_TRUE(doc["updated_at"].is_string());
    EXPECT_EQ(doc["days"].begin().value()["requests"], 2);
    EXPECT_FALSE(std::filesystem::exists(dir / "webui" / "token-usage.json.tmp"));
    std::filesystem::remove_all(dir);
}

TEST(Ledger, DayAndTimestampFormats)
{
    const auto epoch = std::chrono::system_clock::time_point{};

    EXPECT_EQ(utc_day(epoch), "1970-01-01");
    EXPECT_EQ(utc_timestamp_seconds(epoch), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace simbot
