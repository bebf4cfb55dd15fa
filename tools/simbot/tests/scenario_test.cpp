#include "scenario.hpp"

#include <gtest/gtest.h>

namespace simbot {
namespace {

TEST(Scenario, OrdinaryTextIsNone)
{
    EXPECT_EQ(parse_scenario("hello").kind, ScenarioKind::kNone);
    EXPECT_EQ(parse_scenario("!simulate").kind, ScenarioKind::kNone);
}

TEST(Scenario, RecognisesNames)
{
    EXPECT_EQ(parse_scenario("!sim tool").kind, ScenarioKind::kTool);
    EXPECT_EQ(parse_scenario("  !sim llm-error ").kind, ScenarioKind::kLlmError);
    EXPECT_EQ(parse_scenario("!sim emoji").kind, ScenarioKind::kEmoji);
    EXPECT_EQ(parse_scenario("!sim stamp 500 2000").kind, ScenarioKind::kStamp);
    EXPECT_EQ(parse_scenario("!sim stamp 500 2000").amount, 500u);
    EXPECT_EQ(parse_scenario("!sim stamp 500 2000").interval_us, 2000u);
    EXPECT_EQ(parse_scenario("!sim stamp").amount, kDefaultStampCount);
    EXPECT_EQ(parse_scenario("!sim stamp 9999999").amount, kMaxStampCount);
    EXPECT_EQ(parse_scenario("!sim").kind, ScenarioKind::kHelp);
    EXPECT_EQ(parse_scenario("!sim warp-drive").kind, ScenarioKind::kHelp);
}

TEST(Scenario, ParsesAndCapsAmounts)
{
    EXPECT_EQ(parse_scenario("!sim big 5000").amount, 5000u);
    EXPECT_EQ(parse_scenario("!sim big 999999999").amount, 4u * 1024 * 1024);
    EXPECT_EQ(parse_scenario("!sim big lots").amount, kDefaultBigBytes);
    EXPECT_EQ(parse_scenario("!sim slow 250").amount, 250u);
    EXPECT_EQ(parse_scenario("!sim slow 99999").amount, kMaxSlowMs);
}

TEST(SlashCommand, RecognisesBuiltins)
{
    EXPECT_EQ(parse_slash_command("/new"), SlashCommand::kNew);
    EXPECT_EQ(parse_slash_command(" /stop "), SlashCommand::kStop);
    EXPECT_EQ(parse_slash_command("/status"), SlashCommand::kStatus);
    EXPECT_EQ(parse_slash_command("/help"), SlashCommand::kHelp);
    EXPECT_EQ(parse_slash_command("/newer"), SlashCommand::kNone);
    EXPECT_EQ(parse_slash_command("tell me about /new"), SlashCommand::kNone);
}

}  // namespace
}  // namespace simbot
