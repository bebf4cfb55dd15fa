#include <gtest/gtest.h>

#include "botconfig/config_rules.hpp"
#include "botconfig/env_file.hpp"
#include "botconfig/secrets.hpp"
#include "common/errors.hpp"

namespace nbdash::botconfig {

namespace {

Json sample_config() {
    return Json::parse(R"({
      "agents": {"defaults": {"model": "openai/gpt-4o", "maxTokens": 4096, "futureKnob": {"x": 1}}},
      "channels": {
        "sendProgress": true,
        "websocket": {"enabled": true, "host": "127.0.0.1", "port": 8765, "path": "/",
                      "token": "dashboard-channel-token-123456", "websocketRequiresToken": true,
                      "allowFrom": ["dashboard"], "streaming": true},
        "telegram": {"enabled": true, "token": "123456:telegram-secret-token", "allowFrom": ["*"],
                     "unknownChannelKey": [1, 2, 3]},
        "feishu": {"instances": [{"appId": "a", "app_secret": "feishu-secret-value"}]}
      },
      "providers": {"openai": {"apiKey": "sk-live-abcdefghijklmnop", "apiBase": null},
                    "anthropic": {"apiKey": "${ANTHROPIC_API_KEY}"},
                    "mine": {"apiKey": "short", "apiBase": "http://127.0.0.1:9000/v1",
                             "extraHeaders": {"X-Auth": "header-secret-value"}}},
      "gateway": {"host": "127.0.0.1", "port": 18790, "heartbeat": {"enabled": true}},
      "tools": {"web": {"search": {"apiKey": "search-secret-key"}},
                "mcpServers": {"fs": {"command": "x", "env": {"TOKEN": "mcp-secret-token"}}}}
    })");
}

}  // namespace

TEST(SecretsTest, MasksEverySecretAndNothingElse) {
    Json masked = mask_config(sample_config());
    EXPECT_EQ(masked["providers"]["openai"]["apiKey"], "sk-l\u2022\u2022\u2022\u2022mnop");
    EXPECT_EQ(masked["providers"]["anthropic"]["apiKey"], "${ANTHROPIC_API_KEY}");
    EXPECT_EQ(masked["providers"]["mine"]["apiKey"], kMask);
    EXPECT_EQ(masked["providers"]["mine"]["extraHeaders"]["X-Auth"], "head\u2022\u2022\u2022\u2022alue");
    EXPECT_EQ(masked["channels"]["websocket"]["token"], "dash\u2022\u2022\u2022\u20223456");
    EXPECT_EQ(masked["channels"]["telegram"]["token"], "1234\u2022\u2022\u2022\u2022oken");
    EXPECT_EQ(masked["channels"]["feishu"]["instances"][0]["app_secret"],
              "feis\u2022\u2022\u2022\u2022alue");
    EXPECT_EQ(masked["tools"]["web"]["search"]["apiKey"], "sear\u2022\u2022\u2022\u2022-key");
    EXPECT_EQ(masked["tools"]["mcpServers"]["fs"]["env"]["TOKEN"], "mcp-\u2022\u2022\u2022\u2022oken");
    // Not secrets: left alone.
    EXPECT_EQ(masked["channels"]["feishu"]["instances"][0]["appId"], "a");
    EXPECT_EQ(masked["providers"]["mine"]["apiBase"], "http://127.0.0.1:9000/v1");
    EXPECT_EQ(masked["channels"]["telegram"]["unknownChannelKey"], Json({1, 2, 3}));
    std::string text = masked.dump();
    for (const char* secret : {"sk-live-abcdefghijklmnop", "telegram-secret", "feishu-secret-value",
                               "header-secret-value", "mcp-secret-token", "dashboard-channel-token"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
}

TEST(SecretsTest, MaskedValuesSentBackKeepTheStoredSecret) {
    Json stored = sample_config();
    Json incoming = mask_config(stored);
    incoming["agents"]["defaults"]["model"] = "openai/gpt-4.1";
    auto unresolved = keep_masked_secrets(incoming, stored);
    EXPECT_TRUE(unresolved.empty());
    EXPECT_EQ(incoming["providers"]["openai"]["apiKey"], "sk-live-abcdefghijklmnop");
    EXPECT_EQ(incoming["channels"]["telegram"]["token"], "123456:telegram-secret-token");
    EXPECT_EQ(incoming["providers"]["mine"]["apiKey"], "short");
    Json expected = stored;
    expected["agents"]["defaults"]["model"] = "openai/gpt-4.1";
    EXPECT_EQ(incoming, expected);
}

TEST(SecretsTest, AMaskWithNothingStoredIsReported) {
    Json stored = sample_config();
    Json incoming = stored;
    incoming["channels"]["discord"] = {{"token", "abcd\u2022\u2022\u2022\u2022wxyz"}};
    incoming["providers"]["openai"]["apiKey"] = "zzzz\u2022\u2022\u2022\u2022zzzz";  // not its mask
    auto unresolved = keep_masked_secrets(incoming, stored);
    EXPECT_EQ(unresolved, (std::vector<std::string>{"channels.discord.token",
                                                    "providers.openai.apiKey"}));
}

TEST(SecretsTest, RedactAndStripNeverKeepValues) {
    Json redacted = redact_config(sample_config());
    EXPECT_EQ(redacted["providers"]["openai"]["apiKey"], kMask);
    EXPECT_EQ(redacted["providers"]["anthropic"]["apiKey"], "${ANTHROPIC_API_KEY}");
    Json stripped = strip_secrets(sample_config());
    EXPECT_EQ(stripped["providers"]["openai"]["apiKey"], "");
    EXPECT_EQ(stripped["channels"]["websocket"]["token"], "");
    EXPECT_EQ(stripped["providers"]["anthropic"]["apiKey"], "${ANTHROPIC_API_KEY}");
}

TEST(ConfigRulesTest, AcceptsTheSampleAndKeepsUnknownKeysInSections) {
    EXPECT_NO_THROW(validate_config(sample_config()));
}

TEST(ConfigRulesTest, RefusesUnknownSectionsAndWrongTypes) {
    auto code_of = [](const Json& config) {
        try {
            validate_config(config);
        } catch (const ClientError& e) {
            return e.code() + ": " + e.what();
        }
        return std::string("accepted");
    };
    Json config = sample_config();
    config["surprise"] = 1;
    EXPECT_EQ(code_of(config).rfind("unknown_section", 0), 0u);

    config = sample_config();
    config["agents"]["defaults"]["maxTokens"] = "many";
    EXPECT_EQ(code_of(config), "invalid_config: agents.defaults.maxTokens must be an integer");

    config = sample_config();
    config["channels"]["telegram"]["enabled"] = "yes";
    EXPECT_EQ(code_of(config), "invalid_config: channels.telegram.enabled must be true or false");

    config = sample_config();
    config["providers"]["openai"] = "sk-123";
    EXPECT_EQ(code_of(config), "invalid_config: providers.openai must be an object");

    config = sample_config();
    config["agents"]["defaults"]["max_tokens"] = 1.5;  // snake_case is checked too
    EXPECT_EQ(code_of(config), "invalid_config: agents.defaults.max_tokens must be an integer");

    EXPECT_EQ(code_of(Json::array()).rfind("invalid_json", 0), 0u);
}

TEST(ConfigRulesTest, ProtectsTheDashboardChannelAndPorts) {
    Json stored = sample_config();
    auto refused = [&stored](const std::function<void(Json&)>& change) {
        Json incoming = stored;
        change(incoming);
        try {
            check_protected_fields(stored, incoming);
        } catch (const ClientError& e) {
            return e.code() == "protected_field";
        }
        return false;
    };
    EXPECT_TRUE(refused([](Json& c) { c["channels"]["websocket"]["port"] = 9999; }));
    EXPECT_TRUE(refused([](Json& c) { c["channels"]["websocket"]["enabled"] = false; }));
    EXPECT_TRUE(refused([](Json& c) { c["channels"]["websocket"]["token"] = "mine"; }));
    EXPECT_TRUE(refused([](Json& c) { c["channels"].erase("websocket"); }));
    EXPECT_TRUE(refused([](Json& c) { c["channels"]["websocket"]["allowFrom"] = {"someone"}; }));
    EXPECT_TRUE(refused([](Json& c) { c["gateway"]["port"] = 1; }));
    EXPECT_TRUE(refused([](Json& c) { c.erase("gateway"); }));
    EXPECT_FALSE(refused([](Json& c) { c["channels"]["websocket"]["allowFrom"] = {"dashboard", "x"}; }));
    EXPECT_FALSE(refused([](Json& c) { c["channels"]["telegram"]["enabled"] = false; }));
}

TEST(ConfigRulesTest, ChangedPathsAndRestartRule) {
    Json before = sample_config();
    Json after = before;
    after["agents"]["defaults"]["model"] = "x/y";
    after["providers"]["openai"]["apiKey"] = "other";
    EXPECT_EQ(changed_paths(before, after),
              (std::vector<std::string>{"agents.defaults.model", "providers.openai.apiKey"}));
    EXPECT_FALSE(config_change_needs_restart(changed_paths(before, after)));
    after["channels"]["telegram"]["enabled"] = false;
    EXPECT_TRUE(config_change_needs_restart(changed_paths(before, after)));
}

TEST(ConfigRulesTest, MissingEnvironmentValuesAreNamed) {
    Json config = sample_config();
    Json env = {{"env", {{"ANTHROPIC_API_KEY", ""}}}, {"secret_env", {"ANTHROPIC_API_KEY"}}};
    EXPECT_EQ(env_references(config), (std::vector<std::string>{"ANTHROPIC_API_KEY"}));
    try {
        require_env_values(config, env);
        FAIL() << "accepted an empty value";
    } catch (const ClientError& e) {
        EXPECT_EQ(e.code(), "missing_env");
        EXPECT_NE(std::string(e.what()).find("ANTHROPIC_API_KEY"), std::string::npos);
    }
    env["env"]["ANTHROPIC_API_KEY"] = "sk-ant";
    EXPECT_NO_THROW(require_env_values(config, env));
}

TEST(EnvFileTest, RoundTripWithMaskedSecretsAndQuota) {
    Json stored = {{"env", {{"OPENAI_API_KEY", "sk-abcdefghijklmnop"}, {"TZ", "UTC"}}},
                   {"secret_env", {"OPENAI_API_KEY"}},
                   {"resources", {{"cpus", 1.0}, {"memory_mb", 512}, {"storage_mb", 1024}, {"pids", 256}}},
                   {"future", "kept"}};
    Json shown = variables_json(env_variables(stored));
    EXPECT_EQ(shown[0]["name"], "OPENAI_API_KEY");
    EXPECT_EQ(shown[0]["value"], "sk-a\u2022\u2022\u2022\u2022mnop");
    EXPECT_EQ(shown[1]["value"], "UTC");

    Json request = {{"variables", shown}, {"resources", {{"memory_mb", 256}}}};
    Json next = apply_env_request(stored, request);
    EXPECT_EQ(next["env"]["OPENAI_API_KEY"], "sk-abcdefghijklmnop");
    EXPECT_EQ(next["resources"]["memory_mb"], 256);
    EXPECT_EQ(next["resources"]["cpus"], 1.0);
    EXPECT_EQ(next["future"], "kept");
    EXPECT_EQ(redact_env(next)["env"]["OPENAI_API_KEY"], kMask);
    EXPECT_EQ(strip_env_secrets(next)["env"]["OPENAI_API_KEY"], "");
}

TEST(EnvFileTest, RefusesBadNamesValuesAndQuotas) {
    Json stored = {{"env", Json::object()}, {"resources", {{"cpus", 1.0}}}};
    auto code = [&stored](const Json& request) {
        try {
            apply_env_request(stored, request);
        } catch (const ClientError& e) {
            return e.code();
        }
        return std::string("accepted");
    };
    auto var = [](const char* name, Json value) {
        return Json{{"variables", {{{"name", name}, {"value", value}}}}};
    };
    EXPECT_EQ(code(var("1ABC", "x")), "invalid_env_name");
    EXPECT_EQ(code(var("A-B", "x")), "invalid_env_name");
    EXPECT_EQ(code(var("PATH", "x")), "invalid_env_name");
    EXPECT_EQ(code(var(std::string(129, 'A').c_str(), "x")), "invalid_env_name");
    EXPECT_EQ(code(var("OK", 5)), "invalid_env_value");
    EXPECT_EQ(code(var("OK", std::string("a\0b", 3))), "invalid_env_value");
    EXPECT_EQ(code(var("OK", "\xff\xfe")), "invalid_env_value");
    EXPECT_EQ(code(var("OK", "abcd\u2022\u2022\u2022\u2022wxyz")), "invalid_env_value");
    EXPECT_EQ(code({{"resources", {{"cpus", 0}}}}), "invalid_quota");
    EXPECT_EQ(code({{"resources", {{"cpus", "two"}}}}), "invalid_quota");
    EXPECT_EQ(code({{"resources", {{"memory_mb", 1e12}}}}), "invalid_quota");
    EXPECT_EQ(code({{"resources", {{"storage_mb", 1}}}}), "invalid_quota");
    EXPECT_EQ(code({{"resources", {{"disk", 5}}}}), "invalid_quota");
    EXPECT_EQ(code({{"resources", {{"memory_mb", 100.5}}}}), "invalid_quota");
    EXPECT_EQ(code({{"other", 1}}), "unknown_field");
    EXPECT_EQ(code(var("OK", "fine")), "accepted");
}

}  // namespace nbdash::botconfig
