// What the console shows of running bots on the process runtime: their output (tail and
// follow), live CPU and memory, drift from the operator's intent, and storage over quota.
#include <csignal>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

namespace fs = std::filesystem;

class RuntimeObservation : public DashboardTest {
protected:
    std::map<std::string, std::string> settings() const override {
        return {{"runtime.stats_interval_seconds", "1"},
                {"bots.storage_check_interval_seconds", "1"}};
    }

    fs::path data_dir(const std::string& id) { return data->path() / "bots" / id / ".nanobot"; }

    Json logs(const std::string& id, const std::string& query = "") {
        return client->get("/api/bots/" + id + "/logs" + query).json();
    }

    static bool has_line(const Json& lines, const std::string& text) {
        for (const auto& line : lines["lines"]) {
            if (line["text"].get<std::string>().find(text) != std::string::npos) return true;
        }
        return false;
    }

    std::string count_events(const std::string& id, const std::string& where) {
        return database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref = '" + id +
                                "' AND " + where);
    }

};

}  // namespace

TEST_F(RuntimeObservation, LogsTailTheBotsOutputWithStreamAndTime) {
    create_and_start("alpha");
    Json all;
    ASSERT_TRUE(eventually([&] {
        all = logs("alpha");
        return has_line(all, "simbot started");
    }, std::chrono::seconds(5))) << all.dump();
    const Json& first = all["lines"][0];
    EXPECT_EQ(first["stream"], "stdout");
    EXPECT_TRUE(first["time"].is_string());
    EXPECT_EQ(first["time"].get<std::string>().size(), 24u) << first.dump();

    send("alpha", "hello");
    ASSERT_TRUE(eventually([&] { return has_line(logs("alpha"), "turn ended"); },
                           std::chrono::seconds(10)));
    Json one = logs("alpha", "?tail=1");
    ASSERT_EQ(one["lines"].size(), 1u) << one.dump();
    EXPECT_EQ(one["lines"][0], logs("alpha")["lines"].back());
}

TEST_F(RuntimeObservation, BadLogRequestsAreRefused) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "quiet"}}).status, 201);
    for (const char* tail : {"0", "-1", "5001", "abc", "10x", "1e3"}) {
        auto refused = client->get(std::string("/api/bots/quiet/logs?tail=") + tail);
        EXPECT_EQ(refused.status, 400) << tail;
        EXPECT_EQ(refused.error_code(), "invalid_query") << tail;
    }
    EXPECT_EQ(client->get("/api/bots/nobody/logs").status, 404);
    auto never_ran = client->get("/api/bots/quiet/logs?tail=5000");
    EXPECT_EQ(never_ran.status, 200);
    EXPECT_EQ(never_ran.json(), Json({{"lines", Json::array()}}));
}

TEST_F(RuntimeObservation, FollowModeStreamsNewLinesToSubscribers) {
    create_and_start("alpha");
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("logs:alpha"));

    send("alpha", "follow me");

    auto line = live.wait_for([](const Json& f) {
        return f["type"] == "log_line" &&
               f["text"].get<std::string>().find("turn started") != std::string::npos;
    }, std::chrono::seconds(10));
    ASSERT_TRUE(line) << server->log_text();
    EXPECT_EQ((*line)["bot_id"], "alpha");
    EXPECT_EQ((*line)["stream"], "stdout");
    EXPECT_TRUE((*line)["time"].is_string());
}

TEST_F(RuntimeObservation, StatsAreSampledAndPushedWithoutAskingTheRuntimePerRequest) {
    create_and_start("alpha");
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("fleet"));

    auto frame = live.wait_for([](const Json& f) {
        return f["type"] == "bot_stats" && f["bot_id"] == "alpha" &&
               f["stats"]["storage_bytes"].is_number();
    }, std::chrono::seconds(10));

    ASSERT_TRUE(frame) << server->log_text();
    Json stats = (*frame)["stats"];
    EXPECT_GE(stats["cpu_percent"].get<double>(), 0.0);
    EXPECT_GT(stats["memory_bytes"].get<std::int64_t>(), 0);
    EXPECT_TRUE(stats["memory_limit_bytes"].is_null()) << "the process runtime sets no limit";
    EXPECT_GT(stats["storage_bytes"].get<std::int64_t>(), 0);
    EXPECT_TRUE(stats["sampled_at"].is_string());
    Json listed = client->get("/api/bots").json()["bots"][0];
    EXPECT_TRUE(listed["stats"].is_object()) << listed.dump();
    EXPECT_TRUE(listed["drift"].is_null()) << listed.dump();
    EXPECT_TRUE(bot("alpha")["stats"].is_object());

    ASSERT_EQ(client->post("/api/bots/alpha/stop", Json::object()).status, 202);
    EXPECT_TRUE(bot("alpha")["stats"].is_null()) << "a stopped bot has no live figures";
    EXPECT_TRUE(bot("alpha")["drift"].is_null());
}

TEST_F(RuntimeObservation, ABotThatDiedShowsDriftWithItsExitCode) {
    create_and_start("alpha");
    std::ifstream pid_file(data_dir("alpha") / "run" / "dashboard-process.pid");
    std::string pid_text;
    std::getline(pid_file, pid_text);
    ASSERT_FALSE(pid_text.empty());

    ASSERT_EQ(::kill(std::stoi(pid_text), SIGKILL), 0);

    ASSERT_TRUE(eventually([&] { return bot("alpha")["drift"].is_object(); },
                           std::chrono::seconds(5)))
        << bot("alpha").dump();
    Json drift = bot("alpha")["drift"];
    EXPECT_EQ(drift["desired"], "running");
    EXPECT_EQ(drift["actual"], "exited");
    EXPECT_NE(drift["reason"].get<std::string>().find("137"), std::string::npos) << drift.dump();
    EXPECT_TRUE(client->get("/api/bots").json()["bots"][0]["drift"].is_object());
}

TEST_F(RuntimeObservation, AFolderOverItsStorageQuotaRaisesOneAlertPerEpisode) {
    create_and_start("alpha");
    fs::path env_path = data_dir("alpha") / "env.json";
    Json env = Json::parse(std::ifstream(env_path));
    env["resources"]["storage_mb"] = 1;
    std::ofstream(env_path) << env.dump();
    fs::path bulk = data_dir("alpha") / "workspace" / "bulk.bin";

    std::ofstream(bulk) << std::string(2 * 1024 * 1024, 'b');

    const std::string over = "event_type = 'alert' AND metadata_json->>'kind' = 'storage_over_quota'";
    ASSERT_TRUE(eventually([&] { return count_events("alpha", over) == "1"; },
                           std::chrono::seconds(10)))
        << server->log_text();
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // more checks run meanwhile
    EXPECT_EQ(count_events("alpha", over), "1") << "one alert per episode";
    EXPECT_EQ(database->scalar("SELECT severity FROM bot_activity_event WHERE " + over),
              "warning");

    fs::remove(bulk);
    ASSERT_TRUE(eventually([&] {
        return count_events("alpha", "event_type = 'storage_within_quota'") == "1";
    }, std::chrono::seconds(10)));
    std::ofstream(bulk) << std::string(2 * 1024 * 1024, 'b');
    EXPECT_TRUE(eventually([&] { return count_events("alpha", over) == "2"; },
                           std::chrono::seconds(10)))
        << "a new episode alerts again";
}

}  // namespace nbdash::testing
