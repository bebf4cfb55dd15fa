// The alert rules end to end: figures put straight into the database, the background check
// (every second here) opening one episode per rule that holds and clearing it when it stops,
// the episodes over GET /api/alerts, the live event stream and the webhook.
#include <thread>

#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"
#include "support/webhook_receiver.hpp"

namespace nbdash::testing {

namespace {

constexpr auto kWait = std::chrono::seconds(10);
// Long enough for a few more checks, to see that a rule still holding records nothing more.
constexpr auto kSeveralChecks = std::chrono::milliseconds(2500);

class Alerts : public DashboardTest {
protected:
    std::map<std::string, std::string> settings() const override {
        return {{"alerts.check_seconds", "1"},
                {"alerts.rules", R"({"crash_loop": {"enabled": true, "deaths": 3, "minutes": 10},
                    "error_rate": {"enabled": true, "threshold": 0.5, "min_requests": 5,
                                   "minutes": 15},
                    "unreachable": {"enabled": true, "minutes": 10},
                    "token_budget": {"enabled": true, "daily_tokens": 1000000,
                                     "per_bot": {"alpha": 100}, "stop_bot": true}})"},
                {"alerts.webhook_url", "\"" + webhook.url() + "\""}};
    }

    void create(const std::string& id) {
        ASSERT_EQ(client->post("/api/bots", {{"id", id}, {"name", "Bot " + id}}).status, 201);
    }

    // How many events of the type the alpha bot has for the rule.
    int events(const std::string& type, const std::string& rule) {
        return std::stoi(database->scalar(
            "SELECT count(*) FROM bot_activity_event WHERE bot_ref = 'alpha' AND event_type = '" +
            type + "' AND metadata_json->>'kind' = '" + rule + "'"));
    }

    // Waits for the rule's first alert, checks no second one follows while it holds, and
    // returns the open episode as GET /api/alerts shows it.
    Json expect_one_alert(const std::string& rule) {
        EXPECT_TRUE(eventually([&] { return events("alert", rule) == 1; }, kWait))
            << server->log_text();
        std::this_thread::sleep_for(kSeveralChecks);
        EXPECT_EQ(events("alert", rule), 1) << "one alert per episode";
        Json open = client->get("/api/alerts").json();
        EXPECT_EQ(open["open_count"], 1) << open.dump();
        return open["alerts"].empty() ? Json::object() : open["alerts"][0];
    }

    void expect_cleared(const std::string& rule) {
        EXPECT_TRUE(eventually([&] { return events("alert_cleared", rule) == 1; }, kWait))
            << server->log_text();
        Json open = client->get("/api/alerts").json();
        EXPECT_EQ(open["open_count"], 0) << open.dump();
        EXPECT_TRUE(open["alerts"].empty());
        Json all = client->get("/api/alerts?state=all").json();
        ASSERT_FALSE(all["alerts"].empty());
        EXPECT_TRUE(all["alerts"][0]["cleared_at"].is_string()) << all.dump();
    }

    void add_deaths(int count) {
        database->execute(
            "INSERT INTO bot_activity_event (bot_id, event_type, severity, detail) "
            "SELECT 'alpha', 'container_died', 'error', 'exited by itself with code 3' "
            "FROM generate_series(1, " + std::to_string(count) + ")");
    }

    WebhookReceiver webhook;
};

}  // namespace

TEST_F(Alerts, CrashLoopAlertsOncePerEpisodeAndClears) {
    create("alpha");
    LiveClient live(server->port(), client->cookie());
    live.send({{"type", "subscribe"}, {"topic", "events"}});
    add_deaths(2);
    std::this_thread::sleep_for(kSeveralChecks);
    ASSERT_EQ(events("alert", "crash_loop"), 0) << "two deaths are under the rule's three";

    add_deaths(1);
    Json alert = expect_one_alert("crash_loop");

    EXPECT_EQ(alert["rule"], "crash_loop");
    EXPECT_EQ(alert["bot_id"], "alpha");
    EXPECT_EQ(alert["severity"], "error");
    EXPECT_EQ(alert["metadata"]["deaths"], 3);
    EXPECT_TRUE(alert["cleared_at"].is_null());
    auto frame = live.wait_for([](const Json& f) {
        return f["type"] == "event" && f["event"]["event_type"] == "alert";
    }, kWait);
    ASSERT_TRUE(frame);
    EXPECT_EQ((*frame)["event"]["metadata"]["alert_id"], alert["id"]);
    EXPECT_EQ((*frame)["event"]["metadata"]["state"], "firing");
    EXPECT_EQ((*frame)["event"]["metadata"]["kind"], "crash_loop");

    database->execute("UPDATE bot_activity_event SET created_at = now() - interval '1 hour' "
                      "WHERE event_type = 'container_died'");
    expect_cleared("crash_loop");
    EXPECT_EQ(database->scalar("SELECT metadata_json->>'state' FROM bot_activity_event "
                               "WHERE event_type = 'alert_cleared'"),
              "cleared");

    add_deaths(3);
    EXPECT_TRUE(eventually([&] { return events("alert", "crash_loop") == 2; }, kWait))
        << "a new episode alerts again";
}

TEST_F(Alerts, ErrorRateAlertsOverTheThresholdAndClears) {
    create("alpha");
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, started_at, completed_at) "
        "SELECT 'alpha', 'req-' || g, CASE WHEN g <= 3 THEN 'error' ELSE 'success' END, now(), "
        "now() FROM generate_series(1, 5) g");

    Json alert = expect_one_alert("error_rate");

    EXPECT_EQ(alert["metadata"]["requests"], 5);
    EXPECT_EQ(alert["metadata"]["errors"], 3);
    database->execute("UPDATE bot_request_usage SET started_at = now() - interval '1 hour'");
    expect_cleared("error_rate");
}

TEST_F(Alerts, UnreachableAlertsForAWantedBotNotReadyForTheWindow) {
    create("alpha");
    database->execute("UPDATE bot_instance SET enabled = true, current_state = 'degraded' "
                      "WHERE id = 'alpha'");
    ASSERT_EQ(database->scalar("SELECT unready_since IS NOT NULL FROM bot_instance"), "t");
    std::this_thread::sleep_for(kSeveralChecks);
    ASSERT_EQ(events("alert", "unreachable"), 0) << "degraded for seconds only";

    database->execute("UPDATE bot_instance SET unready_since = now() - interval '11 minutes'");
    Json alert = expect_one_alert("unreachable");

    EXPECT_EQ(alert["metadata"]["state"], "degraded");
    database->execute("UPDATE bot_instance SET current_state = 'ready'");
    EXPECT_EQ(database->scalar("SELECT unready_since IS NULL FROM bot_instance"), "t");
    expect_cleared("unreachable");
}

TEST_F(Alerts, TokenBudgetAlertsAndStopsTheBot) {
    create_and_start("alpha");
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, total_tokens, started_at, "
        "completed_at) VALUES ('alpha', 'budget-1', 'success', 150, now(), now())");

    Json alert = expect_one_alert("token_budget");

    EXPECT_EQ(alert["metadata"]["tokens_today"], 150);
    EXPECT_EQ(alert["metadata"]["budget_tokens"], 100);
    EXPECT_TRUE(eventually([&] { return bot("alpha")["current_state"] == "stopped"; }, kWait))
        << bot("alpha").dump();
    EXPECT_EQ(bot("alpha")["enabled"], false);
    database->execute("UPDATE bot_request_usage SET started_at = now() - interval '2 days'");
    expect_cleared("token_budget");
}

TEST_F(Alerts, WebhookReceivesEachAlertAndItsClearing) {
    create("alpha");
    add_deaths(3);
    ASSERT_TRUE(eventually([&] { return webhook.bodies().size() == 1; }, kWait))
        << server->log_text();
    database->execute("UPDATE bot_activity_event SET created_at = now() - interval '1 hour' "
                      "WHERE event_type = 'container_died'");
    ASSERT_TRUE(eventually([&] { return webhook.bodies().size() == 2; }, kWait))
        << server->log_text();

    auto bodies = webhook.bodies();

    EXPECT_EQ(bodies[0]["type"], "alert");
    EXPECT_EQ(bodies[0]["alert"]["rule"], "crash_loop");
    EXPECT_EQ(bodies[0]["alert"]["bot_id"], "alpha");
    EXPECT_TRUE(bodies[0]["alert"]["cleared_at"].is_null());
    EXPECT_EQ(bodies[0]["event"]["event_type"], "alert");
    EXPECT_EQ(bodies[0]["event"]["metadata"]["alert_id"], bodies[0]["alert"]["id"]);
    EXPECT_EQ(bodies[1]["type"], "alert_cleared");
    EXPECT_TRUE(bodies[1]["alert"]["cleared_at"].is_string());
    EXPECT_EQ(bodies[1]["event"]["event_type"], "alert_cleared");
    EXPECT_EQ(bodies[1]["event"]["metadata"]["state"], "cleared");
}

TEST_F(Alerts, SettingsRefuseMalformedRulesAndWebhooks) {
    auto bad_rules = client->request("PUT", "/api/settings/alerts.rules",
                                     R"({"value": {"crash_loop": {"deaths": 0}}})");
    auto bad_url = client->request("PUT", "/api/settings/alerts.webhook_url",
                                   R"({"value": "https://example.invalid/hook"})");
    auto no_url = client->request("PUT", "/api/settings/alerts.webhook_url", R"({"value": ""})");
    auto too_fast = client->request("PUT", "/api/settings/alerts.check_seconds",
                                    R"({"value": 0})");

    EXPECT_EQ(bad_rules.status, 400) << bad_rules.body;
    EXPECT_EQ(bad_rules.error_code(), "invalid_value");
    EXPECT_EQ(bad_url.status, 400) << bad_url.body;
    EXPECT_EQ(no_url.status, 200) << no_url.body;
    EXPECT_EQ(too_fast.status, 400) << too_fast.body;
}

}  // namespace nbdash::testing
