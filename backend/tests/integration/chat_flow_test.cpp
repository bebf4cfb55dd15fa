// The walking skeleton end to end: sign in, create a bot, start it on simbot, chat with it over
// the dashboard channel while a browser-like client watches, and find everything in PostgreSQL.
#include <csignal>
#include <fstream>

#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class ChatFlow : public DashboardTest {};

}  // namespace

TEST_F(ChatFlow, CreateStartChatAndEverythingIsPersisted) {
    create_and_start("alpha");
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("bot:alpha"));

    auto sent = client->post("/api/bots/alpha/messages", {{"text", "hello there"}});
    ASSERT_EQ(sent.status, 202) << sent.body;
    std::string request_id = sent.json()["request_id"];
    std::vector<Json> frames;
    auto end = live.wait_for([](const Json& f) { return f["type"] == "turn_end"; },
                             std::chrono::seconds(15), &frames);

    ASSERT_TRUE(end) << server->log_text();
    EXPECT_EQ((*end)["status"], "success");
    EXPECT_EQ((*end)["request_id"], request_id);
    std::string streamed;
    int deltas = 0;
    for (const auto& f : frames) {
        if (f["type"] == "chat_delta" && f["request_id"] == request_id) {
            streamed += f["text"].get<std::string>();
            ++deltas;
        }
    }
    EXPECT_GT(deltas, 1) << "the reply should stream in several chunks";
    EXPECT_NE(streamed.find("hello there"), std::string::npos) << streamed;

    auto history = client->get("/api/bots/alpha/messages").json()["messages"];
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["role"], "user");
    EXPECT_EQ(history[0]["text"], "hello there");
    EXPECT_EQ(history[1]["role"], "assistant");
    EXPECT_EQ(history[1]["text"], streamed);
    EXPECT_LT(history[0]["id"].get<long>(), history[1]["id"].get<long>());

    std::string where = " FROM bot_request_usage WHERE request_id = '" + request_id + "'";
    EXPECT_EQ(database->scalar("SELECT status" + where), "success");
    EXPECT_EQ(database->scalar("SELECT channel" + where), "dashboard");
    EXPECT_NE(database->scalar("SELECT model" + where), "");
    EXPECT_NE(database->scalar("SELECT completed_at IS NOT NULL" + where), "false");
    EXPECT_EQ(database->scalar("SELECT (input_tokens > 0 AND output_tokens > 0 AND "
                               "total_tokens = input_tokens + output_tokens)::text" + where),
              "true");
    EXPECT_EQ(database->scalar("SELECT string_agg(event_type, ',' ORDER BY id) FROM "
                               "bot_activity_event WHERE bot_ref = 'alpha'"),
              "bot_created,container_started,channel_connected");
}

TEST_F(ChatFlow, StopRecordsTheLifecycleAndRefusesChat) {
    create_and_start("beta");

    auto stopped = client->post("/api/bots/beta/stop", Json::object());
    auto refused = client->post("/api/bots/beta/messages", {{"text", "anyone?"}});

    EXPECT_EQ(stopped.status, 202);
    EXPECT_EQ(stopped.json()["current_state"], "stopped");
    EXPECT_EQ(stopped.json()["enabled"], false);
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.error_code(), "bot_not_running");
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref = 'beta' "
                               "AND event_type = 'container_stopped'"),
              "1");
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_message WHERE bot_id = 'beta'"), "0");
}

TEST_F(ChatFlow, MessagesQueueAndEachGetsItsOwnTurn) {
    create_and_start("gamma");
    std::vector<std::string> ids;

    for (int i = 0; i < 5; ++i) {
        auto sent = client->post("/api/bots/gamma/messages", {{"text", "burst " + std::to_string(i)}});
        ASSERT_EQ(sent.status, 202);
        ids.push_back(sent.json()["request_id"]);
    }

    ASSERT_TRUE(eventually([&] {
        return database->scalar("SELECT count(*) FROM bot_request_usage WHERE bot_id = 'gamma' "
                                "AND status = 'success'") == "5";
    }, std::chrono::seconds(20))) << server->log_text();
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_message WHERE bot_id = 'gamma' "
                               "AND role = 'assistant'"),
              "5");
    for (int i = 0; i < 5; ++i) {
        std::string reply = database->scalar(
            "SELECT text FROM bot_message WHERE role = 'assistant' AND request_id = '" + ids[i] +
            "'");
        EXPECT_NE(reply.find("burst " + std::to_string(i)), std::string::npos) << reply;
    }
}

TEST_F(ChatFlow, ABotThatExitsByItselfIsNoticed) {
    create_and_start("delta");
    auto pid_file = data->path() / "bots" / "delta" / ".nanobot" / "run" / "dashboard-process.pid";
    std::ifstream in(pid_file);
    int bot_pid = 0;
    in >> bot_pid;
    ASSERT_GT(bot_pid, 1);

    ::kill(bot_pid, SIGKILL);

    ASSERT_TRUE(eventually([&] { return bot("delta")["docker_status"] == "exited"; },
                           std::chrono::seconds(10)));
    EXPECT_EQ(bot("delta")["current_state"], "error");
    EXPECT_EQ(database->scalar("SELECT severity FROM bot_activity_event WHERE bot_ref = 'delta' "
                               "AND event_type = 'container_died'"),
              "error");
}

// A dashboard stopped in the middle of a reply keeps what had streamed, as stopping the bot
// does: the request ends interrupted and the partial answer is stored before the process exits.
TEST_F(ChatFlow, AShutdownMidReplyKeepsThePartialAnswer) {
    create_and_start("alpha");
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("bot:alpha"));
    auto sent = client->post("/api/bots/alpha/messages",
                             {{"text", "!sim slow 300 a reply long enough to stream in pieces"}});
    ASSERT_EQ(sent.status, 202) << sent.body;
    std::string request_id = sent.json()["request_id"];
    ASSERT_TRUE(live.wait_for([](const Json& f) { return f["type"] == "chat_delta"; },
                              std::chrono::seconds(10)));

    EXPECT_EQ(server->stop(), 0);

    std::string where = " WHERE request_id = '" + request_id + "'";
    EXPECT_EQ(database->scalar("SELECT status FROM bot_request_usage" + where), "interrupted");
    std::string answer = " FROM bot_message" + where + " AND role = 'assistant'";
    EXPECT_EQ(database->scalar("SELECT status" + answer), "partial");
    EXPECT_NE(database->scalar("SELECT text" + answer), "");
}

TEST_F(ChatFlow, RestartOfTheDashboardBringsEnabledBotsBack) {
    create_and_start("echo");
    server->stop();

    server = std::make_unique<NbdashServer>(*database, *data);
    client = std::make_unique<ApiClient>(server->signed_in_client());

    ASSERT_TRUE(eventually([&] { return bot("echo")["current_state"] == "ready"; },
                           std::chrono::seconds(15)))
        << server->log_text();
    auto sent = client->post("/api/bots/echo/messages", {{"text", "still there?"}});
    EXPECT_EQ(sent.status, 202);
}

}  // namespace nbdash::testing
