#include "sim_config.hpp"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

namespace simbot {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> values)
{
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

ConfigLoad parse(const char* text, std::map<std::string, std::string> env = {})
{
    env.emplace("HOME", "/home/nanobot");
    return parse_config(nlohmann::json::parse(text), "/data", fake_env(env));
}

TEST(SimConfig, DefaultsMatchNanobot)
{
    const auto loaded = parse("{}");

    ASSERT_TRUE(loaded.config) << loaded.error;
    const auto& cfg = *loaded.config;
    EXPECT_TRUE(cfg.websocket.enabled);
    EXPECT_EQ(cfg.websocket.host, "127.0.0.1");
    EXPECT_EQ(cfg.websocket.port, 8765);
    EXPECT_EQ(cfg.websocket.path, "/");
    EXPECT_TRUE(cfg.websocket.streaming);
    EXPECT_EQ(cfg.websocket.allow_from, std::vector<std::string>{"*"});
    EXPECT_EQ(cfg.gateway.port, 18790);
    EXPECT_EQ(cfg.agent.model, "anthropic/claude-opus-4-5");
    EXPECT_EQ(cfg.agent.provider, "auto");
    EXPECT_EQ(cfg.agent.workspace, "/home/nanobot/.nanobot/workspace");
}

TEST(SimConfig, AcceptsCamelAndSnakeKeys)
{
    const auto camel = parse(R"({"channels":{"websocket":{"allowFrom":["a"],"port":1}}})");
    const auto snake = parse(R"({"channels":{"websocket":{"allow_from":["b"],"port":2}}})");

    ASSERT_TRUE(camel.config && snake.config);
    EXPECT_EQ(camel.config->websocket.allow_from, std::vector<std::string>{"a"});
    EXPECT_EQ(snake.config->websocket.allow_from, std::vector<std::string>{"b"});
}

TEST(SimConfig, SubstitutesEnvironmentVariables)
{
    const auto loaded = parse(R"({"agents":{"defaults":{"model":"${M}-x"}},
                                  "providers":{"openrouter":{"apiKey":"${KEY}"}}})",
                              {{"M", "deepseek-chat"}, {"KEY", "k"}});

    ASSERT_TRUE(loaded.config) << loaded.error;
    EXPECT_EQ(loaded.config->agent.model, "deepseek-chat-x");
}

TEST(SimConfig, MissingVariableFailsNamingIt)
{
    const auto loaded = parse(R"({"providers":{"x":{"apiKey":"${NOPE_KEY}"}}})");

    EXPECT_FALSE(loaded.config);
    EXPECT_NE(loaded.error.find("NOPE_KEY"), std::string::npos);
}

TEST(SimConfig, RejectsOpenHostWithoutToken)
{
    EXPECT_FALSE(parse(R"({"channels":{"websocket":{"host":"0.0.0.0"}}})").config);
    EXPECT_FALSE(parse(R"({"channels":{"websocket":{"host":"::"}}})").config);
    EXPECT_TRUE(parse(R"({"channels":{"websocket":{"host":"0.0.0.0","token":"t"}}})").config);
}

TEST(SimConfig, RejectsNamesThatNeedDns)
{
    EXPECT_FALSE(parse(R"({"gateway":{"host":"example.invalid"}})").config);
    EXPECT_TRUE(parse(R"({"gateway":{"host":"localhost"}})").config);
}

TEST(SimConfig, RejectsUnknownTopLevelKeysAndBadTypes)
{
    EXPECT_FALSE(parse(R"({"surprise":1})").config);
    EXPECT_FALSE(parse(R"({"gateway":{"port":"80"}})").config);
    EXPECT_FALSE(parse(R"({"channels":{"websocket":{"path":"ws"}}})").config);
}

TEST(SimConfig, NormalisesTrailingSlashInPath)
{
    const auto loaded = parse(R"({"channels":{"websocket":{"path":"/ws/"}}})");

    ASSERT_TRUE(loaded.config);
    EXPECT_EQ(loaded.config->websocket.path, "/ws");
}

TEST(SimConfig, MissingExplicitFileIsAnError)
{
    const auto loaded = load_config("/nonexistent-simbot/config.json", fake_env({}));

    EXPECT_FALSE(loaded.config);
}

TEST(SimConfig, ReadsFileAndUsesItsFolderAsDataDir)
{
    const auto dir = std::filesystem::temp_directory_path() / "simbot_config_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "config.json") << R"({"gateway":{"port":4321}})";

    const auto loaded = load_config((dir / "config.json").string(), fake_env({{"HOME", "/h"}}));

    ASSERT_TRUE(loaded.config) << loaded.error;
    EXPECT_EQ(loaded.config->gateway.port, 4321);
    EXPECT_EQ(loaded.config->data_dir, dir);
    EXPECT_TRUE(loaded.config->from_file);
    std::filesystem::remove_all(dir);
}

TEST(SimConfig, ExpandsHome)
{
    const auto env = fake_env({{"HOME", "/home/bot/"}});

    EXPECT_EQ(expand_home("~", env), "/home/bot/");
    EXPECT_EQ(expand_home("~/w", env), "/home/bot/w");
    EXPECT_EQ(expand_home("/abs", env), "/abs");
}

}  // namespace
}  // namespace simbot
