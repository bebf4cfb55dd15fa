// What the console shows of bots in containers, on the private dockerd reached through a
// loopback TCP proxy (NBDASH_DOCKER_HOST=tcp://…) that counts every Engine call: logs (tail
// and follow), live stats with the kernel's memory limit, drift, one list call per fleet
// refresh, and a daemon that goes away and comes back.
#include <algorithm>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "support/dashboard_test.hpp"
#include "support/docker_support.hpp"
#include "support/engine_proxy.hpp"

namespace nbdash::testing {

namespace {

constexpr const char* kImage = "nbdash-simbot:test";

class DockerObservation : public DashboardTest {
protected:
    void SetUp() override {
        NBDASH_REQUIRE_DOCKER();
        ASSERT_TRUE(probe.answers()) << "the test dockerd does not answer";
        proxy = std::make_unique<EngineProxy>(std::getenv("NBDASH_TEST_DOCKER_HOST"));
        DashboardTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        build_simbot_image(*client, *data, kImage);
    }

    void TearDown() override {
        server.reset();
        proxy.reset();
        if (docker_configured()) probe.remove_managed();
    }

    ServerOptions server_options() const override {
        ServerOptions options = docker_server_options();
        options.env["NBDASH_DOCKER_HOST"] = proxy->host();
        return options;
    }
    std::map<std::string, std::string> settings() const override {
        return {{"runtime.stats_interval_seconds", "1"}};
    }

    std::string start_bot(const std::string& prefix) {
        std::string id = prefix + "-" + random_hex(3);
        EXPECT_EQ(client->post("/api/bots", {{"id", id}, {"image_tag", kImage}}).status, 201);
        auto started = client->post("/api/bots/" + id + "/start", Json::object());
        EXPECT_EQ(started.status, 202) << started.body;
        EXPECT_TRUE(eventually([&] { return bot(id)["current_state"] == "ready"; },
                               std::chrono::seconds(20)))
            << bot(id).dump() << server->log_text();
        return id;
    }

    std::size_t count_requests(const std::vector<std::string>& lines, const std::string& part) {
        return std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
            return line.find(part) != std::string::npos;
        });
    }

    DockerProbe probe;
    std::unique_ptr<EngineProxy> proxy;
};

bool has_line(const Json& logs, const std::string& text) {
    for (const auto& line : logs["lines"]) {
        if (line["text"].get<std::string>().find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_F(DockerObservation, LogsComeFromTheContainerTailedAndFollowed) {
    std::string id = start_bot("dl");
    Json logs;
    ASSERT_TRUE(eventually([&] {
        logs = client->get("/api/bots/" + id + "/logs?tail=50").json();
        return has_line(logs, "simbot started");
    }, std::chrono::seconds(5))) << logs.dump();
    EXPECT_EQ(logs["lines"][0]["stream"], "stdout");
    EXPECT_EQ(logs["lines"][0]["time"].get<std::string>().size(), 24u) << logs.dump();
    EXPECT_EQ(client->get("/api/bots/" + id + "/logs?tail=1").json()["lines"].size(), 1u);

    LiveClient first(server->port(), client->cookie());
    LiveClient second(server->port(), client->cookie());
    ASSERT_TRUE(first.subscribe("logs:" + id));
    ASSERT_TRUE(second.subscribe("logs:" + id));
    // The follow starts with new lines only: give its stream a moment to open.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    send(id, "/new");
    auto is_command = [](const Json& f) {
        return f["type"] == "log_line" &&
               f["text"].get<std::string>().find("command handled") != std::string::npos;
    };
    EXPECT_TRUE(first.wait_for(is_command, std::chrono::seconds(10))) << server->log_text();
    EXPECT_TRUE(second.wait_for(is_command, std::chrono::seconds(10)));
    auto follows = count_requests(proxy->requests(), "/logs?stdout=1&stderr=1&timestamps=1&follow=1");
    EXPECT_EQ(follows, 1u) << "both subscribers share one followed stream";
}

TEST_F(DockerObservation, StatsShowTheMemoryLimitDockerApplies) {
    std::string id = start_bot("ds");
    LiveClient live(server->port(), client->cookie());
    ASSERT_TRUE(live.subscribe("fleet"));

    auto frame = live.wait_for([&](const Json& f) {
        return f["type"] == "bot_stats" && f["bot_id"] == id;
    }, std::chrono::seconds(10));

    ASSERT_TRUE(frame) << server->log_text();
    Json stats = (*frame)["stats"];
    EXPECT_GT(stats["memory_bytes"].get<std::int64_t>(), 0);
    EXPECT_EQ(stats["memory_limit_bytes"], 512ll * 1024 * 1024) << "the default quota";
    EXPECT_GE(stats["cpu_percent"].get<double>(), 0.0);
    EXPECT_TRUE(bot(id)["stats"].is_object());
}

TEST_F(DockerObservation, OneListCallPerFleetRefreshAndNoneForListingBots) {
    std::vector<std::string> fleet = {start_bot("fa"), start_bot("fb"), start_bot("fc")};
    // Settle: every bot has figures, so the monitor is in its steady state.
    ASSERT_TRUE(eventually([&] {
        Json bots = client->get("/api/bots").json()["bots"];
        return std::all_of(bots.begin(), bots.end(),
                           [](const Json& b) { return b["stats"].is_object(); });
    }, std::chrono::seconds(40)));
    auto before = proxy->requests().size();
    auto started = std::chrono::steady_clock::now();

    for (int i = 0; i < 40; ++i) ASSERT_EQ(client->get("/api/bots").status, 200);
    std::this_thread::sleep_for(std::chrono::seconds(5));

    auto all = proxy->requests();
    std::vector<std::string> window(all.begin() + static_cast<long>(before), all.end());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                         .count();
    auto lists = count_requests(window, "GET /v1.41/containers/json?all=1");
    auto inspects = count_requests(window, "/json HTTP");
    auto stats = count_requests(window, "/stats?stream=0");
    // At most one refresh a second (fewer on a loaded machine): one list call each, and one
    // stats call per running bot.
    EXPECT_GE(lists, 1u);
    EXPECT_LE(static_cast<double>(lists), seconds + 1);
    EXPECT_EQ(inspects, 0u) << "no per-container inspect in the steady state";
    EXPECT_LE(stats, lists * fleet.size() + fleet.size());
    EXPECT_EQ(window.size(), lists + stats) << "listing bots 40 times asked the daemon nothing";
    std::cout << "[ figures  ] " << lists << " list calls, " << inspects << " inspects, " << stats
              << " stats calls in " << seconds << " s for " << fleet.size()
              << " running bots and 40 GET /api/bots\n";
}

TEST_F(DockerObservation, AKilledContainerShowsDriftAndAnUnreachableDaemonRecovers) {
    std::string id = start_bot("dk");
    EXPECT_TRUE(bot(id)["drift"].is_null());
    std::string other = start_bot("du");

    ASSERT_EQ(probe.kill("nanobot-" + id), 204);
    ASSERT_TRUE(eventually([&] { return bot(id)["drift"].is_object(); }, std::chrono::seconds(5)))
        << bot(id).dump();
    Json drift = bot(id)["drift"];
    EXPECT_EQ(drift["desired"], "running");
    EXPECT_EQ(drift["actual"], "exited");
    EXPECT_NE(drift["reason"].get<std::string>().find("137"), std::string::npos) << drift.dump();

    proxy->cut();
    ASSERT_TRUE(eventually([&] { return bot(other)["docker_status"] == "unknown"; },
                           std::chrono::seconds(10)))
        << bot(other).dump() << server->log_text();
    EXPECT_EQ(bot(other)["drift"]["reason"], "the Docker daemon is unreachable");
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE event_type = "
                               "'alert' AND metadata_json->>'kind' = 'docker_unreachable'"),
              "1");
    EXPECT_EQ(client->get("/api/bots/" + other + "/logs").status, 503);

    proxy->resume();
    // The channel never dropped (the bot kept running); the runtime state comes back.
    ASSERT_TRUE(eventually([&] { return bot(other)["docker_status"] == "running"; },
                           std::chrono::seconds(20)))
        << bot(other).dump() << server->log_text();
    EXPECT_TRUE(eventually([&] { return bot(other)["current_state"] == "ready"; },
                           std::chrono::seconds(20)));
    EXPECT_TRUE(bot(other)["drift"].is_null());
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE event_type = "
                               "'docker_reachable'"),
              "1");
}

}  // namespace nbdash::testing
