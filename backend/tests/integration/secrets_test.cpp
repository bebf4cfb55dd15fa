// Secrets planted in every place the dashboard keeps them (admin password, a share password, an
// API token, the dashboard channel token, a provider key and a secret env value) never show up
// in an API answer, a WebSocket frame, an event or a line of nbdash's log.
#include <fstream>

#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSharePassword = "planted-share-secret-4417";
constexpr const char* kProviderKey = "sk-planted-provider-key-9321";
constexpr const char* kEnvSecret = "planted-env-secret-5588";

Json read_json(const fs::path& file) {
    std::ifstream in(file);
    return Json::parse(in);
}

void write_json(const fs::path& file, const Json& value) {
    std::ofstream(file, std::ios::trunc) << value.dump(2);
}

fs::perms mode_of(const fs::path& file) {
    return fs::status(file).permissions() & fs::perms::mask;
}

class Secrets : public DashboardTest {};

}  // namespace

TEST_F(Secrets, NeverLeaveThroughApiFramesEventsOrLogs) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"access_password", kSharePassword}})
                  .status,
              201);
    fs::path nanobot = data->path() / "bots" / "alpha" / ".nanobot";
    EXPECT_EQ(mode_of(nanobot / "config.json"), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(mode_of(nanobot / "env.json"), fs::perms::owner_read | fs::perms::owner_write);

    Json config = read_json(nanobot / "config.json");
    std::string channel_token = config["channels"]["websocket"]["token"];
    config["providers"]["openai"] = {{"apiKey", kProviderKey}};
    write_json(nanobot / "config.json", config);
    Json env = read_json(nanobot / "env.json");
    env["env"]["PLANTED_SECRET"] = kEnvSecret;
    env["secret_env"] = Json::array({"PLANTED_SECRET"});
    write_json(nanobot / "env.json", env);

    auto token_response = client->post("/api/tokens", {{"name", "planted"}});
    ASSERT_EQ(token_response.status, 201);
    std::string api_token = token_response.json()["token"];

    std::vector<std::string> secrets = {NbdashServer::kAdminPassword, kSharePassword, kProviderKey,
                                        kEnvSecret, channel_token, api_token};

    // A scenario touching every route family: lifecycle, chat, sharing, tokens, events.
    std::vector<std::string> seen;
    LiveClient live(server->port(), client->cookie());
    live.send({{"type", "subscribe"}, {"topic", "fleet"}});
    live.send({{"type", "subscribe"}, {"topic", "bot:alpha"}});
    ASSERT_EQ(client->post("/api/bots/alpha/start", Json::object()).status, 202);
    ASSERT_TRUE(eventually([&] { return bot("alpha")["current_state"] == "ready"; },
                           std::chrono::seconds(15)))
        << server->log_text();
    std::string request_id = send("alpha", "tell me a secret");
    EXPECT_EQ(wait_closed(request_id), "success");
    ApiClient share(server->port());
    seen.push_back(share.share_login("alpha", kSharePassword).body);
    seen.push_back(share.share_login("alpha", "wrong-password-x").body);
    seen.push_back(share.post("/api/bots/alpha/messages", {{"text", "hi"}}).body);
    ApiClient wrong(server->port());
    seen.push_back(wrong.login("wrong-admin-password").body);
    std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + api_token}};
    seen.push_back(wrong.request("GET", "/api/bots", "", bearer).body);
    seen.push_back(client->request("PATCH", "/api/bots/alpha",
                                   Json{{"access_password", std::string(kSharePassword) + "-2"}}
                                       .dump())
                       .body);
    ASSERT_EQ(client->post("/api/bots/alpha/restart", Json::object()).status, 202);
    ASSERT_TRUE(eventually([&] { return bot("alpha")["current_state"] == "ready"; },
                           std::chrono::seconds(15)));
    for (const char* target :
         {"/api/bots", "/api/bots/alpha", "/api/bots/alpha/messages", "/api/events?limit=500",
          "/api/images", "/api/tokens", "/api/auth/me", "/api/share/alpha",
          "/api/bots/alpha/messages/export?format=jsonl", "/api/bots/alpha/config",
          "/api/bots/alpha/env", "/api/bots/alpha/logs?tail=500", "/api/settings",
          "/api/settings/public", "/api/health"}) {
        auto response = client->get(target);
        seen.push_back(response.body);
        for (const auto& [name, value] : response.headers) seen.push_back(name + ": " + value);
    }
    ASSERT_EQ(client->post("/api/bots/alpha/stop", Json::object()).status, 202);
    while (auto frame = live.next(std::chrono::milliseconds(500))) seen.push_back(frame->dump());

    std::string events = database->scalar(
        "SELECT coalesce(string_agg(event_type || ' ' || coalesce(detail, '') || ' ' || "
        "coalesce(metadata_json::text, ''), E'\\n'), '') FROM bot_activity_event");
    std::string settings = database->scalar(
        "SELECT string_agg(value_json::text, ' ') FROM sys_setting");
    std::string tokens = database->scalar(
        "SELECT string_agg(token_digest || prefix, ' ') FROM api_token");
    std::string log = server->log_text();
    ASSERT_FALSE(log.empty());
    ASSERT_FALSE(events.empty());

    for (const auto& secret : secrets) {
        for (const auto& text : seen) {
            EXPECT_EQ(text.find(secret), std::string::npos) << "in an answer: " << text;
        }
        EXPECT_EQ(events.find(secret), std::string::npos) << "in the events";
        EXPECT_EQ(log.find(secret), std::string::npos) << "in the log";
        EXPECT_EQ(settings.find(secret), std::string::npos) << "in sys_setting";
        EXPECT_EQ(tokens.find(secret), std::string::npos) << "in api_token";
    }
    EXPECT_EQ(mode_of(nanobot / "config.json"), fs::perms::owner_read | fs::perms::owner_write);
}

}  // namespace nbdash::testing
