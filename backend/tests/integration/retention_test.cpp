// The retention purge end to end: old raw rows go, recent ones and the hourly rollups stay.
#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class Retention : public DashboardTest {
protected:
    // A batch of 2 makes every table take several batches.
    std::map<std::string, std::string> settings() const override {
        return {{"retention.usage_days", "2"},
                {"retention.events_days", "2"},
                {"retention.messages_days", "2"},
                {"retention.batch_size", "2"}};
    }

    std::string count(const std::string& table, const std::string& where) {
        return database->scalar("SELECT count(*) FROM " + table + " WHERE " + where);
    }

    std::string rollup_totals() {
        return database->scalar("SELECT sum(requests) || '/' || sum(total_tokens) FROM "
                                "bot_usage_hourly WHERE bot_id = 'alpha'") +
               " " +
               database->scalar("SELECT sum(requests) || '/' || sum(total_tokens) FROM "
                                "fleet_usage_hourly");
    }
};

}  // namespace

TEST_F(Retention, PurgesOnlyOldRowsAndKeepsTheRollups) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"}}).status, 201);
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, total_tokens, started_at, "
        "completed_at) SELECT 'alpha', 'old-' || g, 'success', 10, now() - interval '5 days', "
        "now() - interval '5 days' FROM generate_series(1, 5) g");
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, total_tokens, started_at, "
        "completed_at) SELECT 'alpha', 'new-' || g, 'success', 10, now() - interval '1 day', "
        "now() FROM generate_series(1, 2) g");
    database->execute(
        "INSERT INTO bot_activity_event (bot_id, event_type, detail, created_at) "
        "SELECT 'alpha', 'old_event', 'old', now() - interval '3 days' FROM generate_series(1, 5)");
    database->execute(
        "INSERT INTO bot_message (bot_id, role, text, created_at) "
        "SELECT 'alpha', 'user', 'old', now() - interval '3 days' FROM generate_series(1, 5)");
    database->execute(
        "INSERT INTO bot_message (bot_id, role, text) VALUES ('alpha', 'user', 'new')");
    std::string rollups = rollup_totals();
    ASSERT_EQ(rollups, "7/70 7/70");

    // A pass runs shortly after every start.
    restart_server();

    ASSERT_TRUE(eventually([&] {
        return count("bot_request_usage", "request_id LIKE 'old-_'") == "0" &&
               count("bot_activity_event", "event_type = 'old_event'") == "0" &&
               count("bot_message", "text = 'old'") == "0";
    }, std::chrono::seconds(15))) << server->log_text();
    EXPECT_EQ(count("bot_request_usage", "request_id LIKE 'new-%'"), "2");
    EXPECT_EQ(count("bot_message", "text = 'new'"), "1");
    EXPECT_EQ(count("bot_activity_event", "event_type = 'bot_created'"), "1");
    EXPECT_EQ(rollup_totals(), rollups) << "rollups keep the purged rows' figures";
    EXPECT_NE(server->log_text().find("purged records past their retention"), std::string::npos);
}

TEST_F(Retention, ZeroDaysKeepsEverything) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"}}).status, 201);
    database->execute("UPDATE sys_setting SET value_json = '0' "
                      "WHERE key IN ('retention.usage_days', 'retention.events_days')");
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, started_at, completed_at) "
        "VALUES ('alpha', 'ancient', 'success', now() - interval '3000 days', now())");
    database->execute(
        "INSERT INTO bot_activity_event (bot_id, event_type, created_at) "
        "VALUES ('alpha', 'ancient_event', now() - interval '3000 days')");
    database->execute("INSERT INTO bot_message (bot_id, role, text, created_at) "
                      "VALUES ('alpha', 'user', 'old', now() - interval '3 days')");

    restart_server();
    // Messages come last in a pass: once the old one is gone, the pass has seen every table.
    ASSERT_TRUE(eventually([&] { return count("bot_message", "text = 'old'") == "0"; },
                           std::chrono::seconds(15)))
        << server->log_text();

    EXPECT_EQ(count("bot_request_usage", "request_id = 'ancient'"), "1");
    EXPECT_EQ(count("bot_activity_event", "event_type = 'ancient_event'"), "1");
}

}  // namespace nbdash::testing
