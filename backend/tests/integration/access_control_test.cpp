// Who may call what: every admin route refuses callers without a session, share sessions and
// wrong CSRF tokens; share sessions stay inside their bot; throttling; password change; API
// tokens; the Secure cookie behind a trusted proxy.
#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

constexpr const char* kSharePassword = "share-pass-alpha-1";

class AccessControl : public DashboardTest {
protected:
    std::map<std::string, std::string> settings() const override {
        // Lets the test play several client addresses through a trusted proxy.
        return {{"http.trusted_proxy", "\"127.0.0.1\""}};
    }

    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"},
                                             {"access_password", kSharePassword}})
                      .status,
                  201);
        ASSERT_EQ(client->post("/api/bots", {{"id", "beta"}, {"name", "Beta"}}).status, 201);
    }

    ApiClient share_client(const std::string& bot_id = "alpha",
                           const std::string& password = kSharePassword) {
        ApiClient share(server->port());
        auto response = share.share_login(bot_id, password);
        EXPECT_EQ(response.status, 200) << response.body;
        return share;
    }
};

struct RouteCall {
    std::string method;
    std::string target;
    std::string body;
};

// Every admin route of the API, with a body that would be valid.
std::vector<RouteCall> admin_routes() {
    return {
        {"GET", "/api/bots", ""},
        {"POST", "/api/bots", R"({"id":"gamma"})"},
        {"GET", "/api/bots/alpha", ""},
        {"PATCH", "/api/bots/alpha", R"({"name":"x"})"},
        {"DELETE", "/api/bots/alpha", ""},
        {"POST", "/api/bots/alpha/start", ""},
        {"POST", "/api/bots/alpha/stop", ""},
        {"POST", "/api/bots/alpha/restart", ""},
        {"PUT", "/api/messages/1/feedback", R"({"feedback":"up"})"},
        {"GET", "/api/images", ""},
        {"POST", "/api/images", R"({"tag":"x:1"})"},
        {"GET", "/api/images/simbot%3Alatest/build-log", ""},
        {"DELETE", "/api/images/simbot%3Alatest", ""},
        {"GET", "/api/events", ""},
        {"GET", "/api/tokens", ""},
        {"POST", "/api/tokens", R"({"name":"t"})"},
        {"DELETE", "/api/tokens/1", ""},
        {"POST", "/api/auth/password",
         R"({"current_password":"test-admin-password-1","new_password":"another-pass-1"})"},
    };
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

}  // namespace

TEST_F(AccessControl, EveryAdminRouteRefusesAnonymousShareAndWrongCsrfCallers) {
    std::string before = database->scalar(
        "SELECT count(*) || '/' || string_agg(id || name, ',' ORDER BY id) FROM bot_instance");
    ApiClient anonymous(server->port());
    ApiClient share = share_client();
    ApiClient wrong_csrf = *client;
    wrong_csrf.forget_csrf();

    for (const auto& call : admin_routes()) {
        auto refused = anonymous.request(call.method, call.target, call.body);
        EXPECT_EQ(refused.status, 401) << "anonymous " << call.method << " " << call.target;
        EXPECT_EQ(refused.error_code(), "unauthenticated");

        auto confined = share.request(call.method, call.target, call.body);
        EXPECT_EQ(confined.status, 403) << "share " << call.method << " " << call.target;
        EXPECT_EQ(confined.error_code(), "forbidden") << call.target;

        if (is_write(call.method)) {
            auto forged = wrong_csrf.request(call.method, call.target, call.body,
                                             {{"X-CSRF-Token", "not-the-token"}});
            EXPECT_EQ(forged.status, 403) << "csrf " << call.method << " " << call.target;
            EXPECT_EQ(forged.error_code(), "csrf_required");
            auto missing = wrong_csrf.request(call.method, call.target, call.body);
            EXPECT_EQ(missing.status, 403) << "no csrf " << call.method << " " << call.target;
        }
    }
    std::string after = database->scalar(
        "SELECT count(*) || '/' || string_agg(id || name, ',' ORDER BY id) FROM bot_instance");
    EXPECT_EQ(after, before);
    EXPECT_EQ(anonymous.login(NbdashServer::kAdminPassword).status, 200)
        << "the admin password must be unchanged";
}

TEST_F(AccessControl, AShareSessionReachesOnlyItsOwnBotsConversation) {
    ASSERT_EQ(client->post("/api/bots/alpha/start", Json::object()).status, 202);
    ASSERT_TRUE(eventually([&] { return bot("alpha")["current_state"] == "ready"; },
                           std::chrono::seconds(15)))
        << server->log_text();
    ApiClient share = share_client();

    auto me = share.get("/api/auth/me").json();
    EXPECT_EQ(me["role"], "share");
    EXPECT_EQ(me["bot_id"], "alpha");

    auto summary = share.get("/api/share/alpha");
    ASSERT_EQ(summary.status, 200) << summary.body;
    Json expected_keys = Json::array({"current_state", "id", "name"});
    Json keys = Json::array();
    Json summary_json = summary.json();  // items() must not outlive the object it iterates
    for (const auto& [key, value] : summary_json.items()) keys.push_back(key);
    EXPECT_EQ(keys, expected_keys);
    EXPECT_EQ(summary.json()["name"], "Alpha");

    // Chat with its bot: send, read, rate.
    auto sent = share.post("/api/bots/alpha/messages", {{"text", "hello from a guest"}});
    ASSERT_EQ(sent.status, 202) << sent.body;
    std::string request_id = sent.json()["request_id"];
    ASSERT_EQ(wait_closed(request_id), "success");
    auto listed = share.get("/api/bots/alpha/messages");
    ASSERT_EQ(listed.status, 200);
    auto messages = listed.json()["messages"];
    ASSERT_EQ(messages.size(), 2u);
    auto answer_id = messages[1]["id"].get<std::int64_t>();
    auto rated = share.request("PUT",
                               "/api/bots/alpha/messages/" + std::to_string(answer_id) +
                                   "/feedback",
                               R"({"feedback":"up"})");
    EXPECT_EQ(rated.status, 200) << rated.body;
    EXPECT_EQ(share.get("/api/bots/alpha/messages/export?format=jsonl").status, 200);

    // Another bot's answer cannot be rated through its own bot's route, nor directly.
    database->execute("INSERT INTO bot_message (bot_id, role, text, status) VALUES "
                      "('beta', 'assistant', 'beta answer', 'complete')");
    std::string beta_message =
        database->scalar("SELECT id FROM bot_message WHERE bot_id = 'beta'");
    auto cross = share.request("PUT", "/api/bots/alpha/messages/" + beta_message + "/feedback",
                               R"({"feedback":"down"})");
    EXPECT_EQ(cross.status, 404) << cross.body;
    EXPECT_EQ(database->scalar("SELECT coalesce(feedback, 'none') FROM bot_message WHERE id = " +
                               beta_message),
              "none");

    // Nothing of another bot, nor its own bot's configuration or files outside media/.
    for (const auto& call : std::vector<RouteCall>{
             {"GET", "/api/share/beta", ""},
             {"GET", "/api/bots/beta/messages", ""},
             {"POST", "/api/bots/beta/messages", R"({"text":"hi"})"},
             {"GET", "/api/bots/beta/messages/export", ""},
             {"PUT", "/api/bots/beta/messages/" + beta_message + "/feedback",
              R"({"feedback":"up"})"},
             {"GET", "/api/bots/beta/media?path=media/x.png", ""},
             {"GET", "/api/bots/alpha", ""},
             {"GET", "/api/bots/alpha/config", ""},
             {"GET", "/api/bots/alpha/env", ""},
             {"GET", "/api/bots/alpha/files/SOUL.md", ""},
             {"GET", "/api/bots/alpha/logs", ""},
         }) {
        auto response = share.request(call.method, call.target, call.body);
        EXPECT_TRUE(response.status == 403 || response.status == 404)
            << call.method << " " << call.target << " -> " << response.status;
        EXPECT_EQ(response.body.find("beta answer"), std::string::npos);
    }
    auto persona = share.get("/api/bots/alpha/media?path=workspace/SOUL.md");
    EXPECT_EQ(persona.status, 404) << "a share session sees media/ only";
    EXPECT_EQ(client->get("/api/bots/alpha/media?path=workspace/SOUL.md").status, 200);

    // The live stream: its bot's topic only.
    LiveClient live(server->port(), share.cookie());
    for (const char* topic : {"fleet", "bot:beta"}) {
        live.send({{"type", "subscribe"}, {"topic", topic}});
        auto refused = live.wait_for([](const Json& f) { return f["type"] == "error"; },
                                     std::chrono::seconds(3));
        EXPECT_TRUE(refused) << topic;
    }
    live.send({{"type", "subscribe"}, {"topic", "bot:alpha"}});
    auto again = share.post("/api/bots/alpha/messages", {{"text", "second"}});
    ASSERT_EQ(again.status, 202);
    std::vector<Json> seen;
    auto own = live.wait_for([](const Json& f) { return f["type"] == "turn_end"; },
                             std::chrono::seconds(10), &seen);
    EXPECT_TRUE(own);
    for (const auto& frame : seen) {
        EXPECT_NE(frame["type"], "error") << frame.dump();
        EXPECT_NE(frame["type"], "bot_status") << "fleet frames must not reach a share session";
    }
}

TEST_F(AccessControl, ChangingOrClearingTheSharePasswordEndsShareSessions) {
    auto shown = client->get("/api/bots/alpha");
    EXPECT_EQ(shown.json()["access_password_set"], true);
    EXPECT_EQ(shown.body.find(kSharePassword), std::string::npos);
    EXPECT_EQ(shown.body.find("argon2"), std::string::npos);
    EXPECT_EQ(client->get("/api/bots/beta").json()["access_password_set"], false);
    ApiClient no_password(server->port());
    EXPECT_EQ(no_password.share_login("beta", "anything-at-all").status, 401);

    ApiClient first = share_client();
    ASSERT_EQ(first.get("/api/share/alpha").status, 200);
    LiveClient live(server->port(), first.cookie());
    live.send({{"type", "ping"}});
    auto pong = live.next(std::chrono::seconds(3));
    ASSERT_TRUE(pong);
    EXPECT_EQ((*pong)["type"], "pong");
    auto changed = client->request("PATCH", "/api/bots/alpha",
                                   R"({"access_password":"a-second-share-pass"})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["access_password_set"], true);
    EXPECT_EQ(first.get("/api/share/alpha").status, 401);
    // Its open WebSocket is dropped at its next frame.
    std::optional<Json> after_revocation;
    try {
        live.send({{"type", "ping"}});
        after_revocation = live.next(std::chrono::seconds(3));
    } catch (const std::exception&) {
    }
    EXPECT_FALSE(after_revocation) << after_revocation->dump();
    ApiClient old_password(server->port());
    EXPECT_EQ(old_password.share_login("alpha", kSharePassword).status, 401);

    ApiClient second = share_client("alpha", "a-second-share-pass");
    ASSERT_EQ(second.get("/api/share/alpha").status, 200);
    auto cleared = client->request("PATCH", "/api/bots/alpha", R"({"access_password":null})");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(cleared.json()["access_password_set"], false);
    EXPECT_EQ(second.get("/api/share/alpha").status, 401);
    ApiClient after(server->port());
    EXPECT_EQ(after.share_login("alpha", "a-second-share-pass").status, 401);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_instance WHERE access_password IS NOT "
                               "NULL"),
              "0");

    auto weak = client->request("PATCH", "/api/bots/alpha", R"({"access_password":"short"})");
    EXPECT_EQ(weak.error_code(), "weak_password");
    auto unknown = client->request("PATCH", "/api/bots/alpha", R"({"image_tag":"x"})");
    EXPECT_EQ(unknown.error_code(), "unknown_field");
    EXPECT_EQ(client->request("PATCH", "/api/bots/nobody", R"({"name":"x"})").status, 404);
}

TEST_F(AccessControl, ThrottlesRepeatedWrongPasswordsPerAddressAndPerAccount) {
    ApiClient guest(server->port());
    auto from = [](const std::string& address) {
        return std::map<std::string, std::string>{{"X-Forwarded-For", address}};
    };
    for (int i = 0; i < 5; ++i) {
        auto wrong = guest.request("POST", "/api/auth/login", R"({"password":"wrong"})",
                                   from("10.0.0.1"));
        ASSERT_EQ(wrong.status, 401) << i;
    }
    auto right_but_throttled =
        guest.request("POST", "/api/auth/login",
                      Json{{"password", NbdashServer::kAdminPassword}}.dump(), from("10.0.0.1"));
    EXPECT_EQ(right_but_throttled.status, 429);
    EXPECT_EQ(right_but_throttled.error_code(), "too_many_attempts");
    ASSERT_TRUE(right_but_throttled.headers.count("Retry-After"));
    int retry_after = std::stoi(right_but_throttled.headers["Retry-After"]);
    EXPECT_GT(retry_after, 0);
    EXPECT_LE(retry_after, 300);
    EXPECT_NE(right_but_throttled.json()["error"]["message"].get<std::string>().find("seconds"),
              std::string::npos);
    // Another address still signs in.
    EXPECT_EQ(guest.request("POST", "/api/auth/login",
                            Json{{"password", NbdashServer::kAdminPassword}}.dump(),
                            from("10.0.0.2"))
                  .status,
              200);

    // The share login of a bot is throttled the same way, per address ...
    for (int i = 0; i < 5; ++i) {
        auto wrong = guest.request("POST", "/api/share/alpha/login", R"({"password":"nope"})",
                                   from("10.0.1.1"));
        ASSERT_EQ(wrong.status, 401) << i;
    }
    auto shared_throttled =
        guest.request("POST", "/api/share/alpha/login",
                      Json{{"password", kSharePassword}}.dump(), from("10.0.1.1"));
    EXPECT_EQ(shared_throttled.status, 429);
    EXPECT_TRUE(shared_throttled.headers.count("Retry-After"));

    // ... and per account: 20 failures spread over many addresses lock the account for all.
    for (int i = 0; i < 20; ++i) {
        auto wrong = guest.request("POST", "/api/share/beta/login", R"({"password":"nope"})",
                                   from("10.0.2." + std::to_string(i)));
        ASSERT_EQ(wrong.status, 401) << i;
    }
    auto account_throttled = guest.request("POST", "/api/share/beta/login",
                                           R"({"password":"nope"})", from("10.0.3.1"));
    EXPECT_EQ(account_throttled.status, 429);
    // Unknown bots and bots without a password answer like a wrong password.
    auto unknown = guest.request("POST", "/api/share/nobody/login", R"({"password":"x"})",
                                 from("10.0.4.1"));
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(unknown.error_code(), "invalid_credentials");
}

TEST_F(AccessControl, PasswordChangeEndsEveryOtherAdminSession) {
    ApiClient other = server->signed_in_client();
    ApiClient old_copy = *client;
    std::string body = Json{{"current_password", NbdashServer::kAdminPassword},
                            {"new_password", "a-new-admin-password"}}
                           .dump();

    auto wrong = client->request("POST", "/api/auth/password",
                                 Json{{"current_password", "wrong-password"},
                                      {"new_password", "a-new-admin-password"}}
                                     .dump());
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.error_code(), "invalid_credentials");
    auto weak = client->request("POST", "/api/auth/password",
                                Json{{"current_password", NbdashServer::kAdminPassword},
                                     {"new_password", "short"}}
                                    .dump());
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(weak.error_code(), "weak_password");
    EXPECT_EQ(other.get("/api/bots").status, 200) << "refused changes end no session";

    auto changed = client->request("POST", "/api/auth/password", body);
    ASSERT_EQ(changed.status, 200) << changed.body;
    client->adopt_session(changed);

    EXPECT_EQ(client->get("/api/bots").status, 200);
    EXPECT_EQ(other.get("/api/bots").status, 401);
    EXPECT_EQ(old_copy.get("/api/bots").status, 401);
    ApiClient fresh(server->port());
    EXPECT_EQ(fresh.login(NbdashServer::kAdminPassword).status, 401);
    EXPECT_EQ(fresh.login("a-new-admin-password").status, 200);
    EXPECT_EQ(changed.body.find("a-new-admin-password"), std::string::npos);
}

TEST_F(AccessControl, ApiTokensAreShownOnceStoredHashedAndRevocable) {
    auto created = client->post("/api/tokens", {{"name", "backup script"}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token = created.json()["token"];
    std::int64_t id = created.json()["id"];
    EXPECT_TRUE(token.starts_with("nbt_"));
    EXPECT_TRUE(token.starts_with(created.json()["prefix"].get<std::string>()));

    auto listed = client->get("/api/tokens");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(token), std::string::npos) << "the token is shown only once";
    EXPECT_EQ(listed.json()["tokens"][0]["last_used_at"], nullptr);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM api_token WHERE token_digest = '" + token +
                               "' OR prefix = '" + token + "'"),
              "0");

    ApiClient script(server->port());
    std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + token}};
    EXPECT_EQ(script.request("GET", "/api/bots", "", bearer).status, 200);
    auto made = script.request("POST", "/api/bots", R"({"id":"gamma"})", bearer);
    EXPECT_EQ(made.status, 201) << "no CSRF token is needed with a bearer token: " << made.body;
    EXPECT_EQ(script.request("GET", "/api/tokens", "", bearer).error_code(), "session_required");
    EXPECT_EQ(script.request("POST", "/api/tokens", R"({"name":"more"})", bearer).status, 403);
    EXPECT_EQ(script.request("POST", "/api/auth/password",
                             R"({"current_password":"x","new_password":"yyyyyyyyyy"})", bearer)
                  .status,
              403);
    EXPECT_NE(database->scalar("SELECT last_used_at FROM api_token WHERE id = " +
                               std::to_string(id)),
              "");

    std::map<std::string, std::string> forged = {{"Authorization", "Bearer nbt_0000"}};
    EXPECT_EQ(script.request("GET", "/api/bots", "", forged).error_code(), "invalid_token");
    ASSERT_EQ(client->request("DELETE", "/api/tokens/" + std::to_string(id)).status, 204);
    auto revoked = script.request("GET", "/api/bots", "", bearer);
    EXPECT_EQ(revoked.status, 401);
    EXPECT_EQ(revoked.error_code(), "invalid_token");
    EXPECT_EQ(client->request("DELETE", "/api/tokens/" + std::to_string(id)).status, 404);
    EXPECT_EQ(client->post("/api/tokens", {{"name", ""}}).error_code(), "invalid_name");
}

TEST_F(AccessControl, TheCookieIsSecureOnlyBehindTlsFromTheTrustedProxy) {
    ApiClient guest(server->port());
    std::string body = Json{{"password", NbdashServer::kAdminPassword}}.dump();
    auto plain = guest.request("POST", "/api/auth/login", body);
    auto proxied = guest.request("POST", "/api/auth/login", body,
                                 {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(plain.status, 200);
    ASSERT_EQ(proxied.status, 200);
    std::string plain_cookie = plain.headers["Set-Cookie"];
    std::string proxied_cookie = proxied.headers["Set-Cookie"];
    for (const auto& cookie : {plain_cookie, proxied_cookie}) {
        EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
        EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    }
    EXPECT_EQ(plain_cookie.find("Secure"), std::string::npos) << plain_cookie;
    EXPECT_NE(proxied_cookie.find("; Secure"), std::string::npos) << proxied_cookie;
}

}  // namespace nbdash::testing
