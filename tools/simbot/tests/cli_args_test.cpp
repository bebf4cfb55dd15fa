#include "cli_args.hpp"

#include <gtest/gtest.h>

namespace simbot {
namespace {

TEST(CliArgs, GatewayWithConfigAndPort)
{
    const auto parsed = parse_cli_args({"gateway", "--config", "/d/config.json", "-p", "9000"});

    ASSERT_TRUE(parsed.args) << parsed.error;
    EXPECT_EQ(parsed.args->config_path, "/d/config.json");
    EXPECT_EQ(parsed.args->gateway_port, 9000);
}

TEST(CliArgs, ShortAndInlineForms)
{
    EXPECT_EQ(parse_cli_args({"gateway", "-c", "x.json"}).args->config_path, "x.json");
    EXPECT_EQ(parse_cli_args({"gateway", "--config=y.json"}).args->config_path, "y.json");
    EXPECT_EQ(parse_cli_args({"gateway", "--port=1"}).args->gateway_port, 1);
}

TEST(CliArgs, VersionNeedsNoCommand)
{
    const auto parsed = parse_cli_args({"--version"});

    ASSERT_TRUE(parsed.args);
    EXPECT_TRUE(parsed.args->show_version);
}

TEST(CliArgs, RejectsMissingCommandBadPortAndUnknownFlags)
{
    EXPECT_FALSE(parse_cli_args({}).args);
    EXPECT_FALSE(parse_cli_args({"gateway", "-p", "70000"}).args);
    EXPECT_FALSE(parse_cli_args({"gateway", "--config"}).args);
    EXPECT_FALSE(parse_cli_args({"gateway", "--frobnicate"}).args);
    EXPECT_FALSE(parse_cli_args({"serve"}).args);
}

}  // namespace
}  // namespace simbot
