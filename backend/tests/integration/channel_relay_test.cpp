// The relay and the failure paths around it: two bots streaming at once, a connection cut in
// the middle of a stream, every frame shape of a turn, a model failure as the history shows it
// after a reload, and the per-turn log lines an operator reads.
#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class ChannelRelay : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        create_and_start("sim");
    }

    Json history_entry(const std::string& request_id, const std::string& role) {
        auto page = client->get("/api/bots/sim/messages?limit=50").json();
        for (const auto& m : page["messages"]) {
            if (m["request_id"] == request_id && m["role"] == role) return m;
        }
        return Json();
    }
};

void confirm_subscribed(LiveClient& live) {
    live.send({{"type", "ping"}});
    ASSERT_TRUE(live.wait_for([](const Json& f) { return f["type"] == "pong"; },
                              std::chrono::seconds(5)));
}

}  // namespace

TEST_F(ChannelRelay, TwoBotsStreamInterleavedAndEachReplyArrivesWhole) {
    create_and_start("other");
    LiveClient live(server->port(), client->cookie());
    live.send({{"type", "subscribe"}, {"topic", "bot:sim"}});
    live.send({{"type", "subscribe"}, {"topic", "bot:other"}});
    confirm_subscribed(live);

    auto first = send("sim", "!sim slow 25 one two three four five six seven eight nine ten");
    auto second = send("other", "!sim slow 25 uno dos tres cuatro cinco seis siete ocho nueve");
    std::vector<Json> frames;
    int ended = 0;
    live.wait_for([&](const Json& f) { return f["type"] == "turn_end" && ++ended == 2; },
                  std::chrono::seconds(20), &frames);

    ASSERT_EQ(ended, 2);
    std::map<std::string, std::string> rebuilt;
    std::string order;
    for (const auto& f : frames) {
        if (f["type"] != "chat_delta") continue;
        std::string bot = f["bot_id"];
        rebuilt[bot] += f["text"].get<std::string>();
        char tag = bot == "sim" ? 'a' : 'b';
        if (order.empty() || order.back() != tag) order += tag;
        EXPECT_EQ(f["request_id"], bot == "sim" ? first : second);
    }
    // Both streams were live at the same time: the deltas alternate more than once.
    EXPECT_GE(order.size(), 3u) << order;
    EXPECT_EQ(rebuilt["sim"], reply_text(first));
    EXPECT_EQ(rebuilt["other"], reply_text(second));
}

TEST_F(ChannelRelay, AConnectionCutMidStreamKeepsThePartialTextAndReconnects) {
    auto cut = send("sim", "!sim disconnect and the rest of this sentence is never heard");

    EXPECT_EQ(wait_closed(cut), "interrupted");
    EXPECT_EQ(database->scalar("SELECT status FROM bot_message WHERE request_id = '" + cut +
                               "' AND role = 'assistant'"),
              "partial");
    EXPECT_NE(usage_field(cut, "error_detail").find("connection"), std::string::npos);
    EXPECT_TRUE(eventually([&] {
        return database->scalar("SELECT count(*) FROM bot_activity_event WHERE event_type = "
                                "'alert' AND request_id = '" + cut + "'") == "1";
    }, std::chrono::seconds(5)));
    // The process never went away: the channel comes back by itself and the next turn works.
    EXPECT_TRUE(eventually([&] { return bot("sim")["current_state"] == "ready"; },
                           std::chrono::seconds(10)));
    auto next = send("sim", "still there?");
    EXPECT_EQ(wait_closed(next), "success");
    EXPECT_NE(reply_text(next).find("still there?"), std::string::npos);
}

TEST_F(ChannelRelay, EveryFrameShapeOfATurnEndsInOneRecord) {
    // reply-to: a message frame with reply_to; media: a message frame with media; reasoning:
    // reasoning_delta/_end; tool: stream_end{resuming} and tool hints; model-switch:
    // runtime_model_updated and turn_model_updated. simbot sends goal_status and
    // session_updated around every turn.
    for (const std::string scenario : {"reply-to", "media", "reasoning", "tool", "model-switch"}) {
        auto id = send("sim", "!sim " + scenario);
        ASSERT_EQ(wait_closed(id), "success") << scenario;
        EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_message WHERE role = 'assistant' "
                                   "AND request_id = '" + id + "'"),
                  "1")
            << scenario;
        EXPECT_NE(usage_field(id, "model"), "") << scenario;
        EXPECT_NE(usage_field(id, "total_tokens"), "0") << scenario;
    }
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_request_usage WHERE bot_id = 'sim' "
                               "AND status <> 'success'"),
              "0");
    EXPECT_EQ(bot("sim")["current_state"], "ready");
}

TEST_F(ChannelRelay, AModelFailureStillShowsAsAnErrorAfterAReload) {
    auto id = send("sim", "!sim llm-error");
    ASSERT_EQ(wait_closed(id), "error");

    Json answer = history_entry(id, "assistant");
    Json question = history_entry(id, "user");

    ASSERT_TRUE(answer.is_object());
    EXPECT_EQ(answer["status"], "error");
    EXPECT_EQ(answer["turn_status"], "error") << answer.dump();
    EXPECT_EQ(question["turn_status"], "error");
    auto jsonl = client->get("/api/bots/sim/messages/export?format=jsonl");
    EXPECT_NE(jsonl.body.find("\"turn_status\":\"error\""), std::string::npos);
}

TEST_F(ChannelRelay, EachTurnIsLoggedWithoutItsText) {
    auto id = send("sim", "a secret question 7319");
    ASSERT_EQ(wait_closed(id), "success");

    EXPECT_TRUE(eventually([&] {
        return server->log_text().find("turn ended") != std::string::npos;
    }, std::chrono::seconds(5)));
    std::string log = server->log_text();
    auto started = log.find("turn started");
    auto ended = log.find("turn ended");
    ASSERT_NE(started, std::string::npos);
    ASSERT_NE(ended, std::string::npos);
    std::string end_line = log.substr(ended, log.find('\n', ended) - ended);
    EXPECT_NE(end_line.find(id), std::string::npos) << end_line;
    EXPECT_NE(end_line.find("bot_id=sim"), std::string::npos) << end_line;
    EXPECT_NE(end_line.find("status=success"), std::string::npos) << end_line;
    EXPECT_NE(end_line.find("total_tokens="), std::string::npos) << end_line;
    EXPECT_NE(end_line.find("latency_ms="), std::string::npos) << end_line;
    EXPECT_EQ(log.find("secret question 7319"), std::string::npos);
}

}  // namespace nbdash::testing
