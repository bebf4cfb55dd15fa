// Bad requests get a clear error with the right status, and change nothing.
#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class BadInput : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"}}).status, 201);
    }

    std::string counts() {
        return database->scalar(
            "SELECT (SELECT count(*) FROM bot_instance) || '/' || (SELECT count(*) FROM "
            "bot_message) || '/' || (SELECT count(*) FROM bot_request_usage) || '/' || "
            "(SELECT count(*) FROM bot_image)");
    }
};

}  // namespace

TEST_F(BadInput, EachIsRefusedWithItsStatusAndNothingChanges) {
    std::string before = counts();
    struct Case {
        std::string method, target, body;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"GET", "/api/bots/nobody", "", 404, "bot_not_found"},
        {"POST", "/api/bots/nobody/start", "", 404, "bot_not_found"},
        {"POST", "/api/bots/nobody/messages", R"({"text":"hi"})", 404, "bot_not_found"},
        {"POST", "/api/bots", R"({"id":"Bad Id!","name":"x"})", 400, "invalid_bot_id"},
        {"POST", "/api/bots", R"({"id":"../etc","name":"x"})", 400, "invalid_bot_id"},
        {"POST", "/api/bots", R"({"id":"alpha","name":"Again"})", 409, "bot_exists"},
        {"POST", "/api/bots", R"({"id":"zeta","name":"x","image_tag":"nope:1"})", 400,
         "unknown_image"},
        {"POST", "/api/bots", R"({"id":"zeta","name":"x","extra":1})", 400, "unknown_field"},
        {"POST", "/api/bots", R"({"id":"zeta","id":"eta"})", 400, "invalid_json"},
        {"POST", "/api/bots", R"({"id": "zeta",)", 400, "invalid_json"},
        {"POST", "/api/bots", R"({"id": 7})", 400, "invalid_field"},
        {"POST", "/api/bots", "[1,2,3]", 400, "invalid_json"},
        {"POST", "/api/bots", std::string(70 * 1024, ' '), 413, "body_too_large"},
        {"POST", "/api/bots/alpha/messages", R"({"text":"hi"})", 409, "bot_not_running"},
        {"POST", "/api/bots/alpha/messages", R"({"text":""})", 400, "empty_message"},
        {"POST", "/api/bots/alpha/messages", R"({"text":" \n\t "})", 400, "empty_message"},
        {"POST", "/api/bots/alpha/messages", R"({"text":"a\u0000b"})", 400, "invalid_text"},
        {"POST", "/api/bots", R"({"id":"zeta","name":"bad\u0007name"})", 400, "invalid_name"},
        {"POST", "/api/images", R"({"tag":"x:1","source_dir":"/etc"})", 400,
         "invalid_source_dir"},
        {"POST", "/api/images", R"({"tag":"x:1","source_dir":"../../bin"})", 400,
         "invalid_source_dir"},
        {"GET", "/api/bots/alpha/messages?limit=0", "", 400, "invalid_query"},
        {"GET", "/api/bots/alpha/messages?before_id=abc", "", 400, "invalid_query"},
        {"DELETE", "/api/bots/alpha?purge=maybe", "", 400, "invalid_query"},
        {"PUT", "/api/bots", "", 405, "method_not_allowed"},
        {"GET", "/api/no-such-route", "", 404, "not_found"},
    };

    for (const auto& c : cases) {
        auto response = client->request(c.method, c.target, c.body);
        EXPECT_EQ(response.status, c.status) << c.method << " " << c.target << ": "
                                             << response.body;
        EXPECT_EQ(response.error_code(), c.code) << c.method << " " << c.target;
    }
    EXPECT_EQ(counts(), before);
    EXPECT_FALSE(std::filesystem::exists(data->path() / "bots" / "zeta"));
}

TEST_F(BadInput, WritesNeedTheCsrfTokenAndReadsNeedASession) {
    std::string before = counts();
    ApiClient no_csrf = *client;
    no_csrf.forget_csrf();
    ApiClient anonymous(server->port());

    auto forged = no_csrf.post("/api/bots", {{"id", "csrf-bot"}});
    auto forged_delete = no_csrf.request("DELETE", "/api/bots/alpha");
    auto wrong = client->request("POST", "/api/bots", R"({"id":"csrf-bot"})",
                                 {{"X-CSRF-Token", "not-the-token"}});
    auto list = anonymous.get("/api/bots");
    auto health = anonymous.get("/api/health");

    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(forged.error_code(), "csrf_required");
    EXPECT_EQ(forged_delete.status, 403);
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(list.status, 401);
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.json()["database"], "ok");
    EXPECT_EQ(counts(), before);
}

TEST_F(BadInput, WrongPasswordsAreRefusedThenThrottled) {
    ApiClient anonymous(server->port());

    std::vector<int> statuses;
    for (int i = 0; i < 6; ++i) statuses.push_back(anonymous.login("wrong-" + std::to_string(i)).status);
    auto right_but_throttled = anonymous.login(NbdashServer::kAdminPassword);

    EXPECT_EQ(statuses.front(), 401);
    EXPECT_EQ(statuses.back(), 429);
    EXPECT_EQ(right_but_throttled.status, 429);
    EXPECT_NE(right_but_throttled.json()["error"]["message"].get<std::string>().find("wait"),
              std::string::npos);
}

TEST_F(BadInput, TheSessionCookieIsHttpOnlyAndStrict) {
    ApiClient fresh(server->port());

    auto login = fresh.login(NbdashServer::kAdminPassword);

    const std::string& cookie = login.headers["Set-Cookie"];
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(database->scalar("SELECT (value_json #>> '{}' LIKE '$argon2id$%')::text FROM sys_setting "
                               "WHERE key = 'auth.admin_password_hash'"),
              "true");
    EXPECT_EQ(server->log_text().find(NbdashServer::kAdminPassword), std::string::npos);
}

TEST_F(BadInput, DeleteRemovesTheRowAndKeepsFilesUnlessPurged) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "kept"}}).status, 201);

    auto deleted = client->request("DELETE", "/api/bots/alpha");
    auto purged = client->request("DELETE", "/api/bots/kept?purge=true");

    EXPECT_EQ(deleted.status, 204);
    EXPECT_EQ(purged.status, 204);
    EXPECT_EQ(client->get("/api/bots/alpha").status, 404);
    EXPECT_TRUE(std::filesystem::exists(data->path() / "bots" / "alpha" / ".nanobot"));
    EXPECT_FALSE(std::filesystem::exists(data->path() / "bots" / "kept"));
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref = 'alpha' "
                               "AND event_type = 'bot_deleted'"),
              "1");

    auto reuse = client->post("/api/bots", {{"id", "alpha"}});
    auto purge_leftover = client->request("DELETE", "/api/bots/alpha?purge=true");
    auto reused = client->post("/api/bots", {{"id", "alpha"}});

    EXPECT_EQ(reuse.status, 409);
    EXPECT_EQ(reuse.error_code(), "bot_files_exist");
    EXPECT_EQ(purge_leftover.status, 204);
    EXPECT_EQ(reused.status, 201);
    EXPECT_EQ(client->request("DELETE", "/api/bots/never-was?purge=true").status, 404);
}

TEST_F(BadInput, AWebSocketFromAnotherOriginIsRefused) {
    std::map<std::string, std::string> upgrade = {
        {"Upgrade", "websocket"},
        {"Connection", "Upgrade"},
        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
        {"Sec-WebSocket-Version", "13"},
    };
    auto foreign = upgrade;
    foreign["Origin"] = "http://127.0.0.1:1";
    auto same = upgrade;
    same["Origin"] = "http://127.0.0.1:" + std::to_string(server->port());

    auto refused = client->request("GET", "/api/ws", "", foreign);
    auto accepted = client->request("GET", "/api/ws", "", same);

    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.error_code(), "cross_origin");
    EXPECT_EQ(accepted.status, 101);
}

}  // namespace nbdash::testing
