// GET /api/events end to end: filters, paging, bad filters, redaction on the way in, and new
// events on the live "events" topic.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "db/event_store.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class EventLog : public DashboardTest {
protected:
    void create(const std::string& id) {
        ASSERT_EQ(client->post("/api/bots", {{"id", id}, {"name", "Bot " + id}}).status, 201);
    }

    void insert_event(const std::string& bot_id, const std::string& type,
                      const std::string& detail, const std::string& created_at) {
        std::string bot = bot_id.empty() ? "NULL" : "'" + bot_id + "'";
        database->execute("INSERT INTO bot_activity_event (bot_id, event_type, detail, "
                          "created_at) VALUES (" + bot + ", '" + type + "', '" + detail + "', '" +
                          created_at + "')");
    }

    // The details of the events a query answers, newest first.
    std::vector<std::string> details(const std::string& query) {
        auto response = client->get("/api/events?" + query);
        EXPECT_EQ(response.status, 200) << query << ": " << response.body;
        Json body = response.json();
        std::vector<std::string> found;
        for (const auto& event : body["events"]) {
            found.push_back(event["detail"].get<std::string>());
        }
        return found;
    }

    using Details = std::vector<std::string>;
};

}  // namespace

TEST_F(EventLog, FiltersByBotTypeTimeAndText) {
    create("alpha");
    create("beta");
    insert_event("alpha", "config_changed", "Saved SOUL.md", "2026-11-01T10:00:00Z");
    insert_event("alpha", "alert", "Request ERROR: 50% of budget", "2026-11-02T10:00:00Z");
    insert_event("beta", "alert", "beta is slow", "2026-11-03T10:00:00Z");

    EXPECT_EQ(details("bot_id=alpha&type=alert"), Details{"Request ERROR: 50% of budget"});
    EXPECT_EQ(details("type=alert,config_changed"),
              (Details{"beta is slow", "Request ERROR: 50% of budget", "Saved SOUL.md"}));
    EXPECT_EQ(details("from=2026-11-02&to=2026-11-03"), Details{"Request ERROR: 50% of budget"});
    EXPECT_EQ(details("from=2026-11-02T18:00:00%2B08:00&to=2026-11-03T10:00:00Z"),
              Details{"Request ERROR: 50% of budget"});
    EXPECT_EQ(details("q=error:%2050%25"), Details{"Request ERROR: 50% of budget"});
    EXPECT_TRUE(details("q=5_%25").empty()) << "LIKE wildcards in q are plain characters";
    EXPECT_EQ(details("q=SOUL"), Details{"Saved SOUL.md"});

    ASSERT_EQ(client->request("DELETE", "/api/bots/beta").status / 100, 2);
    EXPECT_EQ(details("bot_id=beta&type=alert"), Details{"beta is slow"})
        << "a deleted bot's events stay under its id";
}

TEST_F(EventLog, PagesNewestFirstWithACursor) {
    for (int i = 1; i <= 5; ++i) {
        insert_event("", "page_test", "event " + std::to_string(i), "2026-11-01T00:00:00Z");
    }

    std::vector<std::string> seen;
    std::string cursor;
    Json page;
    for (int pages = 0; pages < 5; ++pages) {
        page = client->get("/api/events?type=page_test&limit=2" + cursor).json();
        for (const auto& event : page["events"]) seen.push_back(event["detail"].get<std::string>());
        if (!page["has_more"].get<bool>()) break;
        EXPECT_EQ(page["next_before_id"], page["events"].back()["id"]);
        cursor = "&before_id=" + std::to_string(page["next_before_id"].get<std::int64_t>());
    }

    EXPECT_EQ(seen, (Details{"event 5", "event 4", "event 3", "event 2", "event 1"}));
    EXPECT_FALSE(page["has_more"].get<bool>());
    EXPECT_TRUE(page["next_before_id"].is_null());
    EXPECT_EQ(page["events"].size(), 1u);
}

TEST_F(EventLog, RefusesBadFilters) {
    struct Case {
        const char* query;
        const char* code;
    };
    const Case cases[] = {
        {"from=yesterday", "invalid_date"},
        {"to=2026-02-30", "invalid_date"},
        {"from=2026-12-02&to=2026-12-01", "invalid_range"},
        {"limit=0", "invalid_parameter"},
        {"limit=501", "invalid_parameter"},
        {"before_id=abc", "invalid_parameter"},
        {"type=Not-A-Type", "invalid_parameter"},
        {"bot_id=..%2Fetc", "invalid_parameter"},
    };
    for (const auto& c : cases) {
        auto response = client->get(std::string("/api/events?") + c.query);

        EXPECT_EQ(response.status, 400) << c.query << ": " << response.body;
        EXPECT_EQ(response.error_code(), c.code) << c.query;
    }
    auto long_text = client->get("/api/events?q=" + std::string(201, 'x'));
    EXPECT_EQ(long_text.error_code(), "invalid_parameter");
    EXPECT_EQ(client->get("/api/events?q=" + std::string(200, 'x')).status, 200);
}

TEST_F(EventLog, StoresNoSecretFromAnyWriter) {
    db::Database connection(database->url(), 1);
    db::EventStore store(connection);
    connection.connect();
    db::EventRecord event;
    event.event_type = "config_changed";
    event.detail = "retried with api_key=sk-live-123 and password: hunter2";
    event.metadata = {{"authorization", "Bearer abc"},
                      {"usage", {{"total_tokens", 42}, {"access_token", "tok-1"}}}};

    connection.run_blocking([&](pqxx::connection& c) {
        pqxx::work tx(c);
        db::EventStore::record_in(tx, event);
        tx.commit();
        return 0;
    });

    auto events = client->get("/api/events?type=config_changed").json()["events"];
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["detail"], "retried with api_key=[redacted] and password: [redacted]");
    EXPECT_EQ(events[0]["metadata"]["authorization"], "[redacted]");
    EXPECT_EQ(events[0]["metadata"]["usage"]["total_tokens"], 42);
    EXPECT_EQ(events[0]["metadata"]["usage"]["access_token"], "[redacted]");
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE detail LIKE "
                               "'%hunter2%' OR metadata_json::text LIKE '%tok-1%'"),
              "0");
}

TEST_F(EventLog, NewEventsReachTheEventsTopic) {
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("events"));

    create("alpha");

    auto frame = live.wait_for([](const Json& f) { return f["type"] == "event"; },
                               std::chrono::seconds(5));
    ASSERT_TRUE(frame);
    EXPECT_EQ((*frame)["event"]["event_type"], "bot_created");
    EXPECT_EQ((*frame)["event"]["bot_id"], "alpha");
}

}  // namespace nbdash::testing
