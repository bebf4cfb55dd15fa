// The dashboard channel against every frame shape and failure simbot can produce: each request
// ends with exactly one usage row in the right status and the reply (or what arrived of it).
#include <filesystem>

#include <gtest/gtest.h>

#include "common/base64.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class ChannelScenarios : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        create_and_start("sim");
    }
    std::map<std::string, std::string> settings() const override {
        return {{"chat.turn_timeout_seconds", "3"}};
    }

    std::string alerts_for(const std::string& request_id) {
        return database->scalar("SELECT count(*) FROM bot_activity_event WHERE event_type = "
                                "'alert' AND request_id = '" + request_id + "'");
    }
};

}  // namespace

TEST_F(ChannelScenarios, ReasoningIsKeptApartFromTheAnswer) {
    auto id = send("sim", "!sim reasoning");

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_NE(reply_text(id), "");
    EXPECT_NE(database->scalar("SELECT coalesce(reasoning, '') FROM bot_message WHERE "
                               "request_id = '" + id + "' AND role = 'assistant'"),
              "");
}

TEST_F(ChannelScenarios, ToolRoundsLeaveOnlyTheAnswer) {
    auto id = send("sim", "!sim tool");

    ASSERT_EQ(wait_closed(id), "success");
    std::string reply = reply_text(id);
    EXPECT_FALSE(reply.empty());
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_message WHERE request_id = '" + id +
                               "' AND role = 'assistant'"),
              "1");
}

TEST_F(ChannelScenarios, AModelFailureReplyMakesAnErrorAndAnAlert) {
    auto id = send("sim", "!sim llm-error");

    ASSERT_EQ(wait_closed(id), "error");
    EXPECT_NE(reply_text(id).find("Error calling LLM"), std::string::npos);
    EXPECT_TRUE(eventually([&] { return alerts_for(id) == "1"; }, std::chrono::seconds(5)));
}

TEST_F(ChannelScenarios, AnErrorFrameEndsTheRequestAsError) {
    auto id = send("sim", "!sim error-frame");

    EXPECT_EQ(wait_closed(id), "error");
    EXPECT_NE(usage_field(id, "error_detail").find("simulated"), std::string::npos);
    EXPECT_TRUE(eventually([&] { return alerts_for(id) == "1"; }, std::chrono::seconds(5)));
}

TEST_F(ChannelScenarios, ABotThatNeverAnswersTimesOutAndTheNextRequestStillWorks) {
    auto stuck = send("sim", "!sim never");
    auto next = send("sim", "after the stuck one");

    EXPECT_EQ(wait_closed(stuck, std::chrono::seconds(10)), "timeout");
    EXPECT_EQ(wait_closed(next, std::chrono::seconds(20)), "success");
    EXPECT_NE(reply_text(next).find("after the stuck one"), std::string::npos);
}

TEST_F(ChannelScenarios, ABotKilledMidTurnInterruptsTheRequestAndKeepsThePartialText) {
    auto id = send("sim", "!sim crash");

    EXPECT_EQ(wait_closed(id), "interrupted");
    EXPECT_TRUE(eventually([&] { return bot("sim")["current_state"] == "error"; },
                           std::chrono::seconds(5)));
    EXPECT_EQ(database->scalar("SELECT status FROM bot_message WHERE request_id = '" + id +
                               "' AND role = 'assistant'"),
              "partial");
}

TEST_F(ChannelScenarios, UsageOfAnOldBotComesFromAttach) {
    auto id = send("sim", "!sim no-usage");

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_EQ(usage_field(id, "usage_estimated"), "false");
    EXPECT_NE(usage_field(id, "input_tokens"), "0");
}

TEST_F(ChannelScenarios, MissingTotalIsComputed) {
    auto id = send("sim", "!sim no-total");

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_EQ(database->scalar("SELECT (total_tokens = input_tokens + output_tokens "
                               "AND total_tokens > 0)::text FROM bot_request_usage WHERE "
                               "request_id = '" + id + "'"),
              "true");
}

TEST_F(ChannelScenarios, TheTurnModelIsRecorded) {
    auto id = send("sim", "!sim model-switch");

    ASSERT_EQ(wait_closed(id), "success");
    std::string model = usage_field(id, "model");
    EXPECT_FALSE(model.empty());
    EXPECT_NE(model, "openai/gpt-4o-mini") << "the switched model should be recorded";
}

TEST_F(ChannelScenarios, UnknownMalformedAndForeignFramesAreIgnored) {
    auto unknown = send("sim", "!sim unknown-frame");
    auto malformed = send("sim", "!sim malformed");
    auto foreign = send("sim", "!sim foreign-chat");

    EXPECT_EQ(wait_closed(unknown), "success");
    EXPECT_EQ(wait_closed(malformed), "success");
    EXPECT_EQ(wait_closed(foreign), "success");
    EXPECT_EQ(bot("sim")["current_state"], "ready");
}

TEST_F(ChannelScenarios, MultiByteTextSurvivesIntact) {
    auto id = send("sim", "!sim emoji 你好，世界 👩‍👩‍👧‍👦");

    ASSERT_EQ(wait_closed(id), "success");
    std::string reply = reply_text(id);
    EXPECT_NE(reply.find("👩‍👩‍👧‍👦"), std::string::npos) << reply;
    EXPECT_NE(reply.find("你好"), std::string::npos) << reply;
}

TEST_F(ChannelScenarios, AOneMegabyteReplyIsStoredWhole) {
    auto id = send("sim", "!sim big 1048576");

    ASSERT_EQ(wait_closed(id, std::chrono::seconds(30)), "success");
    EXPECT_EQ(database->scalar("SELECT octet_length(text) FROM bot_message WHERE request_id = '" +
                               id + "' AND role = 'assistant'"),
              "1048576");
}

TEST_F(ChannelScenarios, TwentyMessagesInABurstEachGetTheirOwnTurn) {
    std::vector<std::string> ids;
    for (int i = 0; i < 20; ++i) ids.push_back(send("sim", "burst message " + std::to_string(i)));

    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(wait_closed(ids[i], std::chrono::seconds(30)), "success") << i;
        EXPECT_NE(reply_text(ids[i]).find("burst message " + std::to_string(i) + "."),
                  std::string::npos) << i;
    }
}

TEST_F(ChannelScenarios, SlashCommandsAreRecorded) {
    auto id = send("sim", "/new");

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_EQ(database->scalar("SELECT detail FROM bot_activity_event WHERE event_type = "
                               "'command_submitted' AND request_id = '" + id + "'"),
              "/new");
}

// /stop is not queued behind the turn it is meant to end (nanobot handles it at once): the turn
// ends interrupted well before the turn timeout (3 s here), /stop itself costs no tokens, and
// the queue goes on.
TEST_F(ChannelScenarios, StopEndsTheRunningTurnAtOnceAndTheQueueGoesOn) {
    auto stuck = send("sim", "!sim never");
    ASSERT_TRUE(eventually([&] { return bot("sim")["current_state"] == "busy"; },
                           std::chrono::seconds(5)));
    auto started = std::chrono::steady_clock::now();
    auto stop = send("sim", "/stop");
    auto next = send("sim", "after the stop");

    EXPECT_EQ(wait_closed(stuck, std::chrono::seconds(10)), "interrupted");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
    EXPECT_EQ(wait_closed(stop), "success");
    EXPECT_EQ(usage_field(stop, "total_tokens"), "0");
    EXPECT_EQ(wait_closed(next, std::chrono::seconds(20)), "success");
    EXPECT_NE(reply_text(next).find("after the stop"), std::string::npos);
}

// A command calls no model: its request counts no tokens, rather than the previous answer's
// usage fetched again, and /stop with nothing running holds nothing up.
TEST_F(ChannelScenarios, CommandsCountNoTokensAndAnIdleStopHoldsNothingUp) {
    auto answer = send("sim", "hello there");
    ASSERT_EQ(wait_closed(answer), "success");
    ASSERT_NE(usage_field(answer, "total_tokens"), "0");

    auto status = send("sim", "/status");
    auto idle_stop = send("sim", "/stop");
    auto started = std::chrono::steady_clock::now();
    auto next = send("sim", "still listening");

    EXPECT_EQ(wait_closed(status), "success");
    EXPECT_EQ(usage_field(status, "total_tokens"), "0");
    EXPECT_EQ(usage_field(status, "usage_estimated"), "false");
    EXPECT_FALSE(reply_text(status).empty());
    EXPECT_EQ(wait_closed(idle_stop), "success");
    EXPECT_EQ(usage_field(idle_stop, "total_tokens"), "0");
    EXPECT_EQ(wait_closed(next, std::chrono::seconds(10)), "success");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST_F(ChannelScenarios, FeedbackOnlyRatesAnswers) {
    auto id = send("sim", "rate me");
    ASSERT_EQ(wait_closed(id), "success");
    std::string answer = database->scalar("SELECT id FROM bot_message WHERE role = 'assistant' "
                                          "AND request_id = '" + id + "'");
    std::string question = database->scalar("SELECT id FROM bot_message WHERE role = 'user' "
                                            "AND request_id = '" + id + "'");

    auto up = client->request("PUT", "/api/messages/" + answer + "/feedback", R"({"feedback":"up"})");
    auto on_user = client->request("PUT", "/api/messages/" + question + "/feedback",
                                   R"({"feedback":"up"})");
    auto unknown = client->request("PUT", "/api/messages/999999/feedback", R"({"feedback":"up"})");
    auto bad = client->request("PUT", "/api/messages/" + answer + "/feedback",
                               R"({"feedback":"sideways"})");
    auto cleared = client->request("PUT", "/api/messages/" + answer + "/feedback",
                                   R"({"feedback":null})");

    EXPECT_EQ(up.status, 200);
    EXPECT_EQ(up.json()["feedback"], "up");
    // The rated message comes back as the history shows it, its turn's status included.
    EXPECT_EQ(up.json()["turn_status"], "success");
    EXPECT_EQ(cleared.json()["turn_status"], "success");
    EXPECT_EQ(on_user.status, 400);
    EXPECT_EQ(on_user.error_code(), "not_an_answer");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(cleared.status, 200);
    EXPECT_EQ(database->scalar("SELECT (feedback IS NULL AND feedback_at IS NULL)::text FROM "
                               "bot_message WHERE id = " + answer),
              "true");
}

TEST_F(ChannelScenarios, HistoryPagesAndExports) {
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(send("sim", "page " + std::to_string(i)));
    for (const auto& id : ids) ASSERT_EQ(wait_closed(id), "success");

    auto newest = client->get("/api/bots/sim/messages?limit=2").json();
    long oldest_shown = newest["messages"][0]["id"];
    auto older = client->get("/api/bots/sim/messages?limit=10&before_id=" +
                             std::to_string(oldest_shown)).json();
    auto markdown = client->get("/api/bots/sim/messages/export?format=markdown");
    auto jsonl = client->get("/api/bots/sim/messages/export?format=jsonl");

    EXPECT_EQ(newest["messages"].size(), 2u);
    EXPECT_TRUE(newest["has_more"].get<bool>());
    EXPECT_EQ(older["messages"].size(), 4u);
    EXPECT_FALSE(older["has_more"].get<bool>());
    EXPECT_EQ(markdown.status, 200);
    EXPECT_NE(markdown.body.find("page 2"), std::string::npos);
    EXPECT_EQ(std::count(jsonl.body.begin(), jsonl.body.end(), '\n'), 6);
}

TEST_F(ChannelScenarios, EveryWatcherGetsTheStreamAndALateJoinerGetsTheTextSoFar) {
    LiveClient early(server->port(), client->cookie());
    ASSERT_TRUE(early.subscribe("bot:sim"));

    auto id = send("sim", "!sim slow 60 a reply that takes a little while to write out");
    ASSERT_TRUE(early.wait_for([&](const Json& f) { return f["type"] == "chat_delta"; },
                               std::chrono::seconds(5)));
    LiveClient late(server->port(), client->cookie());
    late.send({{"type", "subscribe"}, {"topic", "bot:sim"}});
    std::vector<Json> late_frames;
    auto late_end = late.wait_for([](const Json& f) { return f["type"] == "turn_end"; },
                                  std::chrono::seconds(20), &late_frames);
    std::vector<Json> early_frames;
    auto early_end = early.wait_for([](const Json& f) { return f["type"] == "turn_end"; },
                                    std::chrono::seconds(20), &early_frames);

    ASSERT_TRUE(late_end);
    ASSERT_TRUE(early_end);
    ASSERT_FALSE(late_frames.empty());
    EXPECT_EQ(late_frames.front()["type"], "chat_snapshot");
    std::string rebuilt;
    for (const auto& f : late_frames) {
        if (f["type"] == "chat_snapshot") rebuilt = f["text"];
        if (f["type"] == "chat_delta") rebuilt += f["text"].get<std::string>();
    }
    EXPECT_EQ(rebuilt, reply_text(id));
}

TEST_F(ChannelScenarios, MediaIsServedFromTheBotsFolderOnly) {
    auto id = send("sim", "!sim media");
    ASSERT_EQ(wait_closed(id), "success");
    std::string media = database->scalar("SELECT media_json::text FROM bot_message WHERE "
                                         "request_id = '" + id + "' AND role = 'assistant'");
    Json paths = Json::parse(media, nullptr, false);
    ASSERT_TRUE(paths.is_array() && !paths.empty()) << media;
    std::string path = paths[0];
    auto data_dir = data->path() / "bots" / "sim" / ".nanobot";
    std::filesystem::create_symlink(data_dir / "config.json", data_dir / "media" / "leak.png");

    auto image = client->get("/api/bots/sim/media?path=" + path);

    EXPECT_EQ(image.status, 200) << image.body;
    EXPECT_EQ(image.headers["Content-Type"], "image/png");
    EXPECT_EQ(image.body.substr(1, 3), "PNG");
    for (const std::string& bad :
         {std::string("config.json"), std::string("env.json"), std::string("../config.json"),
          std::string("media/../config.json"), std::string("/etc/passwd"),
          (data_dir / "config.json").string(), std::string("media/leak.png"),
          std::string("media/%00x")}) {
        auto refused = client->get("/api/bots/sim/media?path=" + bad);
        EXPECT_EQ(refused.status, 404) << bad << ": " << refused.body;
        EXPECT_EQ(refused.body.find("token"), std::string::npos) << bad;
    }
    EXPECT_EQ(client->get("/api/bots/other/media?path=" + path).status, 404);
}

// Messages sent while a bot is busy wait in a bounded queue: one past chat.max_queued_messages is
// refused with 429 and leaves no trace, the queued ones all get their turn, and the files of a
// queued message wait in the bot's folder (read back only when the turn is sent).
namespace {

namespace fs = std::filesystem;

class ChatQueue : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        create_and_start("sim");
    }
    // "!sim never" holds the turn until it times out, long enough to fill the queue behind it.
    std::map<std::string, std::string> settings() const override {
        return {{"chat.max_queued_messages", "2"}, {"chat.turn_timeout_seconds", "5"}};
    }

    fs::path upload_folder(const std::string& request_id) const {
        return data->path() / "bots" / "sim" / ".nanobot" / "media" / "websocket" /
               ("dashboard-" + request_id);
    }

    std::string send_file(const std::string& text, const std::string& name) {
        Json file = {{"name", name}, {"mime", "text/plain"}, {"data", base64_encode("a note\n")}};
        auto sent = client->post("/api/bots/sim/messages",
                                 {{"text", text}, {"attachments", Json::array({file})}});
        EXPECT_EQ(sent.status, 202) << sent.body;
        return sent.json().value("request_id", "");
    }

    std::string count(const std::string& table) {
        return database->scalar("SELECT count(*) FROM " + table + " WHERE bot_id = 'sim'");
    }
};

}  // namespace

TEST_F(ChatQueue, OnePastTheLimitIsRefusedAndEveryQueuedMessageGetsItsTurn) {
    auto stuck = send("sim", "!sim never");
    ASSERT_TRUE(eventually([&] { return bot("sim")["current_state"] == "busy"; },
                           std::chrono::seconds(5)));
    auto first = send("sim", "first in the queue");
    auto second = send("sim", "second in the queue");
    std::string messages = count("bot_message");
    std::string requests = count("bot_request_usage");

    auto refused = client->post("/api/bots/sim/messages", {{"text", "one too many"}});

    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(refused.error_code(), "chat_queue_full");
    std::string why = refused.json()["error"]["message"];
    EXPECT_NE(why.find("chat.max_queued_messages"), std::string::npos) << why;
    EXPECT_FALSE(refused.headers["Retry-After"].empty());
    EXPECT_EQ(count("bot_message"), messages);
    EXPECT_EQ(count("bot_request_usage"), requests);

    EXPECT_EQ(wait_closed(stuck, std::chrono::seconds(15)), "timeout");
    EXPECT_EQ(wait_closed(first, std::chrono::seconds(20)), "success");
    EXPECT_EQ(wait_closed(second, std::chrono::seconds(20)), "success");
    EXPECT_NE(reply_text(first).find("first in the queue"), std::string::npos);
    EXPECT_NE(reply_text(second).find("second in the queue"), std::string::npos);
    // The queue has room again.
    auto after = send("sim", "room again");
    EXPECT_EQ(wait_closed(after), "success");
}

TEST_F(ChatQueue, QueuedFilesWaitOnDiskAndAreSentWithTheirTurn) {
    auto stuck = send("sim", "!sim never");
    ASSERT_TRUE(eventually([&] { return bot("sim")["current_state"] == "busy"; },
                           std::chrono::seconds(5)));
    auto with_file = send_file("read this", "note.txt");
    auto file_gone = send_file("and this", "gone.txt");
    ASSERT_FALSE(with_file.empty());
    ASSERT_FALSE(file_gone.empty());

    EXPECT_TRUE(fs::exists(upload_folder(with_file) / "note.txt"));
    // A file removed from the bot's folder before its turn: that request fails, the rest go on.
    fs::remove_all(upload_folder(file_gone));

    EXPECT_EQ(wait_closed(stuck, std::chrono::seconds(15)), "timeout");
    EXPECT_EQ(wait_closed(with_file, std::chrono::seconds(20)), "success");
    EXPECT_NE(reply_text(with_file).find("I received 1 attachment: note.txt."),
              std::string::npos)
        << reply_text(with_file);
    EXPECT_EQ(wait_closed(file_gone, std::chrono::seconds(20)), "error");
    EXPECT_NE(usage_field(file_gone, "error_detail").find("attachments"), std::string::npos);
    auto after = send("sim", "still answering");
    EXPECT_EQ(wait_closed(after), "success");
}

}  // namespace nbdash::testing
