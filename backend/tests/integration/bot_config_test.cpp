// A bot's files through the API: config.json, persona files, env.json, revisions, restart flag.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace fs = std::filesystem;

namespace {

const std::string kMask = "\u2022\u2022\u2022\u2022";

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

class BotConfig : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"}}).status, 201);
    }

    fs::path data_dir(const std::string& id = "alpha") { return data->path() / "bots" / id / ".nanobot"; }
    Json disk_config() { return Json::parse(slurp(data_dir() / "config.json")); }

    ApiResponse put(const std::string& target, const Json& body, const std::string& etag) {
        std::map<std::string, std::string> headers;
        if (!etag.empty()) headers["If-Match"] = etag;
        return client->request("PUT", target, body.dump(), headers);
    }
    ApiResponse patch(const std::string& target, const Json& body) {
        return client->request("PATCH", target, body.dump());
    }
    std::string revisions_count() {
        return database->scalar("SELECT count(*) FROM bot_file_revision");
    }
};

}  // namespace

TEST_F(BotConfig, ConfigRoundTripMasksSecretsAndKeepsThemAndUnknownKeys) {
    // Secrets and keys the dashboard does not know, written the way an operator might by hand.
    Json config = disk_config();
    config["providers"]["openai"] = {{"apiKey", "sk-live-1234567890abcdef"}, {"futureField", {{"a", 1}}}};
    config["channels"]["telegram"] = {{"enabled", false}, {"token", "99:telegram-secret-xyz"},
                                      {"customKnob", "kept"}};
    config["agents"]["defaults"]["someNewOption"] = Json::array({1, "two"});
    std::ofstream(data_dir() / "config.json") << config.dump(2);

    auto read = client->get("/api/bots/alpha/config");
    ASSERT_EQ(read.status, 200) << read.body;
    Json body = read.json();
    std::string header = read.headers.count("ETag") ? read.headers["ETag"] : read.headers["etag"];
    EXPECT_EQ(header, body["etag"].get<std::string>());
    std::string shown = body["config"].dump();
    EXPECT_EQ(shown.find("sk-live-1234567890abcdef"), std::string::npos);
    EXPECT_EQ(shown.find("telegram-secret"), std::string::npos);
    EXPECT_EQ(shown.find(config["channels"]["websocket"]["token"].get<std::string>()), std::string::npos);
    EXPECT_EQ(body["config"]["providers"]["openai"]["apiKey"], "sk-l" + kMask + "cdef");

    // Sending it back unchanged except the model keeps every secret and unknown key.
    Json edited = body["config"];
    edited["agents"]["defaults"]["model"] = "openai/gpt-4.1";
    auto saved = put("/api/bots/alpha/config", {{"config", edited}}, body["etag"]);
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_NE(saved.json()["etag"], body["etag"]);
    EXPECT_TRUE(saved.json()["revision"].is_number_integer());
    Json expected = config;
    expected["agents"]["defaults"]["model"] = "openai/gpt-4.1";
    EXPECT_EQ(disk_config(), expected);
    EXPECT_EQ(fs::status(data_dir() / "config.json").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(BotConfig, StaleOrMissingEtagAndBadConfigsChangeNothing) {
    Json body = client->get("/api/bots/alpha/config").json();
    std::string etag = body["etag"];
    std::string before = slurp(data_dir() / "config.json");
    std::string revisions = revisions_count();
    Json good = body["config"];

    auto with = [&](const std::function<void(Json&)>& change) {
        Json c = good;
        change(c);
        return Json{{"config", c}};
    };
    struct Case {
        std::string name;
        Json body;
        std::string etag;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"stale", with([](Json&) {}), "\"0123456789abcdef0123456789abcdef\"", 409, "stale_etag"},
        {"no if-match", with([](Json&) {}), "", 428, "if_match_required"},
        {"port", with([](Json& c) { c["channels"]["websocket"]["port"] = 1234; }), etag, 400,
         "protected_field"},
        {"token", with([](Json& c) { c["channels"]["websocket"]["token"] = "mine"; }), etag, 400,
         "protected_field"},
        {"allowFrom", with([](Json& c) { c["channels"]["websocket"]["allowFrom"] = {"x"}; }), etag,
         400, "protected_field"},
        {"gateway", with([](Json& c) { c["gateway"]["port"] = 1; }), etag, 400, "protected_field"},
        {"top-level", with([](Json& c) { c["dashboard"] = {{"x", 1}}; }), etag, 400,
         "unknown_section"},
        {"type", with([](Json& c) { c["agents"]["defaults"]["maxTokens"] = "lots"; }), etag, 400,
         "invalid_config"},
        {"enabled", with([](Json& c) { c["channels"]["slack"] = {{"enabled", 1}}; }), etag, 400,
         "invalid_config"},
        {"not object", Json{{"config", Json::array()}}, etag, 400, "invalid_json"},
        {"unknown mask", with([](Json& c) { c["providers"]["x"] = {{"apiKey", "abcd" + kMask + "wxyz"}, {"apiBase", "http://127.0.0.1:1"}}; }),
         etag, 400, "unknown_masked_secret"},
    };
    for (const auto& c : cases) {
        auto response = put("/api/bots/alpha/config", c.body, c.etag);
        EXPECT_EQ(response.status, c.status) << c.name << ": " << response.body;
        EXPECT_EQ(response.error_code(), c.code) << c.name;
    }
    auto broken = client->request("PUT", "/api/bots/alpha/config", "{\"config\": {",
                                  {{"If-Match", etag}});
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(broken.error_code(), "invalid_json");
    EXPECT_EQ(slurp(data_dir() / "config.json"), before);
    EXPECT_EQ(revisions_count(), revisions);
}

TEST_F(BotConfig, PersonaFilesRoundTripWithEtagsAndLimits) {
    auto read = client->get("/api/bots/alpha/files/SOUL.md");
    ASSERT_EQ(read.status, 200) << read.body;
    std::string etag = read.json()["etag"];
    EXPECT_NE(read.json()["content"].get<std::string>().find("Alpha"), std::string::npos);

    std::string text = "# Soul\n\nCalm, precise, caf\u00e9 \u4e2d\u6587.\n";
    auto saved = put("/api/bots/alpha/files/SOUL.md", {{"content", text}}, etag);
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(slurp(data_dir() / "workspace" / "SOUL.md"), text);
    std::string new_etag = saved.json()["etag"];
    EXPECT_EQ(client->get("/api/bots/alpha/files/SOUL.md").json()["content"], text);

    // nanobot's memory job rewrites the file underneath: the console's copy is now stale.
    std::ofstream(data_dir() / "workspace" / "SOUL.md") << "rewritten by the bot\n";
    auto stale = put("/api/bots/alpha/files/SOUL.md", {{"content", "mine"}}, new_etag);
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(stale.error_code(), "stale_etag");
    EXPECT_EQ(slurp(data_dir() / "workspace" / "SOUL.md"), "rewritten by the bot\n");

    std::string current = client->get("/api/bots/alpha/files/SOUL.md").json()["etag"];
    auto too_big = put("/api/bots/alpha/files/SOUL.md", {{"content", std::string(300 * 1024, 'a')}}, current);
    EXPECT_EQ(too_big.status, 413);
    auto nul = client->request("PUT", "/api/bots/alpha/files/SOUL.md",
                               R"({"content":"a\u0000b"})", {{"If-Match", current}});
    EXPECT_EQ(nul.status, 400);
    EXPECT_EQ(nul.error_code(), "invalid_text");
    for (const std::string& name : std::vector<std::string>{
             "config.json", "env.json", "..%2Fconfig.json", "skills", "soul.md", "SOUL.md%00",
             std::string(300, 'A')}) {
        auto other = put("/api/bots/alpha/files/" + name, {{"content", "x"}}, current);
        EXPECT_EQ(other.status, 404) << name << other.body;
        EXPECT_EQ(client->get("/api/bots/alpha/files/" + name).status, 404) << name;
    }
    EXPECT_EQ(slurp(data_dir() / "workspace" / "SOUL.md"), "rewritten by the bot\n");

    auto list = client->get("/api/bots/alpha/files").json()["files"];
    ASSERT_EQ(list.size(), 5u);
    EXPECT_EQ(list[0]["name"], "AGENTS.md");
}

TEST_F(BotConfig, SymlinkPlantedInTheBotFolderIsRefused) {
    fs::path outside = data->path() / "outside.md";
    std::ofstream(outside) << "not the bot's\n";
    fs::path soul = data_dir() / "workspace" / "SOUL.md";
    fs::remove(soul);
    fs::create_symlink(outside, soul);
    auto read = client->get("/api/bots/alpha/files/SOUL.md");
    EXPECT_EQ(read.status, 400);
    EXPECT_EQ(read.error_code(), "unsafe_path");
    auto write = put("/api/bots/alpha/files/SOUL.md", {{"content", "evil"}}, "\"absent\"");
    EXPECT_EQ(write.status, 400);
    EXPECT_EQ(write.error_code(), "unsafe_path");
    EXPECT_EQ(slurp(outside), "not the bot's\n");

    // The whole workspace folder swapped for a link.
    fs::path workspace = data_dir() / "workspace";
    fs::rename(workspace, data_dir() / "workspace.real");
    fs::create_directory_symlink(data->path(), workspace);
    auto escaped = put("/api/bots/alpha/files/AGENTS.md", {{"content", "evil"}}, "\"absent\"");
    EXPECT_EQ(escaped.status, 400);
    EXPECT_FALSE(fs::exists(data->path() / "AGENTS.md"));
}

TEST_F(BotConfig, EnvVariablesAreMaskedAndQuotaChecked) {
    Json env = client->get("/api/bots/alpha/env").json();
    EXPECT_EQ(env["resources"]["memory_mb"], 512);
    EXPECT_TRUE(env["limits"]["cpus"]["max"].is_number());
    Json request = {{"variables", {{{"name", "MY_TOKEN"}, {"value", "tok-1234567890"}, {"secret", true}},
                                   {{"name", "TZ"}, {"value", "Europe/Paris"}, {"secret", false}}}},
                    {"resources", {{"cpus", 0.5}, {"memory_mb", 256}}}};
    auto saved = put("/api/bots/alpha/env", request, env["etag"]);
    ASSERT_EQ(saved.status, 200) << saved.body;
    Json shown = saved.json();
    EXPECT_EQ(shown["variables"][0]["value"], "tok-" + kMask + "7890");
    EXPECT_EQ(shown["resources"]["cpus"], 0.5);
    Json disk = Json::parse(slurp(data_dir() / "env.json"));
    EXPECT_EQ(disk["env"]["MY_TOKEN"], "tok-1234567890");
    EXPECT_EQ(disk["resources"]["memory_mb"], 256);
    EXPECT_EQ(disk["resources"]["pids"], 256);  // untouched field kept

    // Masked value sent back keeps the secret.
    auto again = put("/api/bots/alpha/env", {{"variables", shown["variables"]}}, shown["etag"]);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(Json::parse(slurp(data_dir() / "env.json"))["env"]["MY_TOKEN"], "tok-1234567890");

    std::string before = slurp(data_dir() / "env.json");
    std::string etag = again.json()["etag"];
    for (const Json& bad : {Json{{"resources", {{"cpus", 0}}}}, Json{{"resources", {{"memory_mb", "x"}}}},
                            Json{{"resources", {{"storage_mb", 1e9}}}},
                            Json{{"variables", {{{"name", "BAD-NAME"}, {"value", "x"}}}}}}) {
        auto refused = put("/api/bots/alpha/env", bad, etag);
        EXPECT_EQ(refused.status, 400) << bad.dump() << refused.body;
    }
    EXPECT_EQ(slurp(data_dir() / "env.json"), before);
}

TEST_F(BotConfig, ProviderKeyGoesToEnvAndAMissingVariableBlocksStart) {
    auto saved = patch("/api/bots/alpha/config/providers/openai", {{"apiKey", "sk-proj-abcdefghij123"}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(disk_config()["providers"]["openai"]["apiKey"], "${OPENAI_API_KEY}");
    Json env = Json::parse(slurp(data_dir() / "env.json"));
    EXPECT_EQ(env["env"]["OPENAI_API_KEY"], "sk-proj-abcdefghij123");
    EXPECT_EQ(env["secret_env"], Json::array({"OPENAI_API_KEY"}));

    auto custom = patch("/api/bots/alpha/config/providers/mine", {{"apiKey", "${MINE_KEY}"}});
    EXPECT_EQ(custom.status, 400) << custom.body;  // a custom provider needs apiBase
    auto with_base = patch("/api/bots/alpha/config/providers/mine",
                           {{"apiKey", "${MINE_KEY}"}, {"apiBase", "http://127.0.0.1:9/v1"}});
    ASSERT_EQ(with_base.status, 200) << with_base.body;

    auto start = client->post("/api/bots/alpha/start", Json::object());
    EXPECT_EQ(start.status, 400) << start.body;
    EXPECT_EQ(start.error_code(), "missing_env");
    EXPECT_NE(start.body.find("MINE_KEY"), std::string::npos);
    EXPECT_EQ(bot("alpha")["current_state"], "stopped");

    auto model = patch("/api/bots/alpha/config/model", {{"model", "openai/gpt-4.1"}, {"temperature", 0.3}});
    ASSERT_EQ(model.status, 200) << model.body;
    EXPECT_EQ(disk_config()["agents"]["defaults"]["model"], "openai/gpt-4.1");
    EXPECT_EQ(patch("/api/bots/alpha/config/model", {{"modelPreset", "nope"}}).error_code(),
              "unknown_preset");
    EXPECT_EQ(patch("/api/bots/alpha/config/channels/websocket", {{"port", 1}}).status, 400);
    EXPECT_EQ(patch("/api/bots/alpha/config/gateway", {{"port", 1}}).error_code(), "protected_field");
}

TEST_F(BotConfig, RevisionsListDiffWithoutSecretsAndRestore) {
    auto first = patch("/api/bots/alpha/config/channels/telegram",
                       {{"enabled", true}, {"token", "42:super-secret-telegram"}});
    ASSERT_EQ(first.status, 200) << first.body;
    auto second = patch("/api/bots/alpha/config/model", {{"model", "openai/gpt-4.1"}});
    ASSERT_EQ(second.status, 200) << second.body;

    Json list = client->get("/api/bots/alpha/revisions?file=config.json").json()["revisions"];
    ASSERT_EQ(list.size(), 3u) << list.dump();  // baseline, telegram, model
    EXPECT_EQ(list[0]["changed"], Json::array({"agents.defaults.model"}));
    EXPECT_EQ(list[2]["actor"], "system");
    std::int64_t telegram_rev = list[1]["revision"];

    Json detail = client->get("/api/bots/alpha/revisions/" + std::to_string(telegram_rev)).json();
    EXPECT_NE(detail["diff"].get<std::string>().find("telegram"), std::string::npos);
    EXPECT_EQ(detail["diff"].get<std::string>().find("super-secret"), std::string::npos);
    EXPECT_EQ(detail["content"].get<std::string>().find("super-secret"), std::string::npos);
    std::string token = disk_config()["channels"]["websocket"]["token"];
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_file_revision WHERE content LIKE '%super-secret%' "
                               "OR content LIKE '%" + token + "%'"),
              "0");

    // Back to the telegram revision: the model returns to the default, the secret stays.
    auto restored = client->post("/api/bots/alpha/revisions/" + std::to_string(telegram_rev) + "/restore",
                                 Json::object());
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_GT(restored.json()["revision"].get<std::int64_t>(), list[0]["revision"].get<std::int64_t>());
    EXPECT_EQ(disk_config()["agents"]["defaults"]["model"], "openai/gpt-4o-mini");
    EXPECT_EQ(disk_config()["channels"]["telegram"]["token"], "42:super-secret-telegram");
    EXPECT_EQ(disk_config()["channels"]["websocket"]["token"], token);
    EXPECT_EQ(client->get("/api/bots/alpha/revisions").json()["revisions"].size(), 4u);
    EXPECT_EQ(client->get("/api/bots/alpha/revisions/999999").status, 404);
}

TEST_F(BotConfig, ChangesAnnounceThemselvesAndFlagARestart) {
    ASSERT_EQ(client->post("/api/bots/alpha/start", Json::object()).status, 202);
    ASSERT_TRUE(eventually([&] { return bot("alpha")["current_state"] == "ready"; },
                           std::chrono::seconds(15)));
    LiveClient live(server->port(), client->cookie());
    live.send({{"type", "subscribe"}, {"topic", "fleet"}});

    // A model change applies at the next turn: no restart needed.
    ASSERT_EQ(patch("/api/bots/alpha/config/model", {{"model", "openai/gpt-4.1"}}).status, 200);
    EXPECT_EQ(bot("alpha")["needs_restart"], false);
    auto changed = patch("/api/bots/alpha/config/channels/telegram",
                         {{"enabled", false}, {"token", "1:secret-token-value"}});
    ASSERT_EQ(changed.status, 200);
    EXPECT_EQ(changed.json()["needs_restart"], true);
    EXPECT_EQ(bot("alpha")["needs_restart"], true);
    std::vector<Json> seen;
    auto frame = live.wait_for([](const Json& f) {
        return f["type"] == "config_changed" && f["needs_restart"] == true;
    }, std::chrono::seconds(5), &seen);
    ASSERT_TRUE(frame);
    EXPECT_EQ((*frame)["file"], "config.json");
    EXPECT_NE((*frame)["changed"].dump().find("channels.telegram.token"), std::string::npos);
    for (const auto& f : seen) EXPECT_EQ(f.dump().find("secret-token-value"), std::string::npos);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE event_type = "
                               "'config_changed' AND (detail || metadata_json::text) LIKE '%secret-token%'"),
              "0");

    ASSERT_EQ(client->post("/api/bots/alpha/restart", Json::object()).status, 202);
    EXPECT_TRUE(eventually([&] { return bot("alpha")["needs_restart"] == false; },
                           std::chrono::seconds(15)));
}

TEST_F(BotConfig, TemplateCopiesFilesWithoutSecrets) {
    ASSERT_EQ(patch("/api/bots/alpha/config/providers/openai", {{"apiKey", "sk-template-secret-1"}}).status, 200);
    ASSERT_EQ(patch("/api/bots/alpha/config/channels/telegram",
                    {{"enabled", true}, {"token", "7:template-telegram-secret"}}).status, 200);
    std::string etag = client->get("/api/bots/alpha/files/SOUL.md").json()["etag"];
    ASSERT_EQ(put("/api/bots/alpha/files/SOUL.md", {{"content", "# Shared soul\n"}}, etag).status, 200);
    ASSERT_EQ(client->post("/api/bots/alpha/skills", {{"skill_key", "daily-standup"}}).status, 201);

    auto created = client->post("/api/bots", {{"id", "beta"}, {"template_bot_id", "alpha"}});
    ASSERT_EQ(created.status, 201) << created.body;
    Json beta = Json::parse(slurp(data_dir("beta") / "config.json"));
    Json alpha = disk_config();
    EXPECT_EQ(beta["providers"]["openai"]["apiKey"], "${OPENAI_API_KEY}");
    EXPECT_EQ(beta["channels"]["telegram"]["token"], "");
    EXPECT_EQ(beta["channels"]["telegram"]["enabled"], true);
    EXPECT_NE(beta["channels"]["websocket"]["token"], alpha["channels"]["websocket"]["token"]);
    EXPECT_EQ(beta["channels"]["websocket"]["token"].get<std::string>().size(), 48u);
    Json env = Json::parse(slurp(data_dir("beta") / "env.json"));
    EXPECT_EQ(env["env"]["OPENAI_API_KEY"], "");
    EXPECT_EQ(slurp(data_dir("beta") / "workspace" / "SOUL.md"), "# Shared soul\n");
    EXPECT_TRUE(fs::exists(data_dir("beta") / "workspace" / "skills" / "daily-standup" / "SKILL.md"));
    EXPECT_EQ(client->post("/api/bots", {{"id", "gamma"}, {"template_bot_id", "nobody"}}).status, 404);
    EXPECT_FALSE(fs::exists(data->path() / "bots" / "gamma"));
}

}  // namespace nbdash::testing
