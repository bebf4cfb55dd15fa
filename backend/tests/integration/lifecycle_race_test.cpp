// Lifecycle requests for one bot that arrive together are carried out one after the other:
// however they interleave, exactly one bot process runs afterwards (or none), and a bot that
// is deleted is never started again.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

class LifecycleRaces : public DashboardTest {
protected:
    // Processes whose command line names this bot's folder (the bot and anything it spawned).
    int processes_of(const std::string& bot_id) {
        std::string folder = (data->path() / "bots" / bot_id).string() + "/";
        int count = 0;
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            std::ifstream in(entry.path() / "cmdline", std::ios::binary);
            std::string cmdline((std::istreambuf_iterator<char>(in)), {});
            if (cmdline.find(folder) != std::string::npos) ++count;
        }
        return count;
    }

    // Sends each request from its own thread at once; returns how many were answered with
    // want_status.
    int send_together(const std::vector<std::pair<std::string, std::string>>& requests,
                      int want_status) {
        std::atomic<int> matched{0};
        std::vector<std::thread> threads;
        for (const auto& [method, target] : requests) {
            threads.emplace_back([&, method = method, target = target, copy = *client]() mutable {
                auto response = copy.request(method, target, method == "POST" ? "{}" : "");
                if (response.status == want_status) ++matched;
            });
        }
        for (auto& thread : threads) thread.join();
        return matched.load();
    }
};

}  // namespace

TEST_F(LifecycleRaces, StartsAndRestartsTogetherLeaveOneProcessThatStopEnds) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "gamma"}, {"name", "Gamma"}}).status, 201);
    std::vector<std::pair<std::string, std::string>> requests;
    for (int i = 0; i < 4; ++i) {
        requests.emplace_back("POST", "/api/bots/gamma/start");
        requests.emplace_back("POST", "/api/bots/gamma/restart");
    }
    EXPECT_EQ(send_together(requests, 202), 8);
    ASSERT_TRUE(eventually([&] { return bot("gamma")["current_state"] == "ready"; },
                           std::chrono::seconds(30)))
        << bot("gamma").dump();
    EXPECT_EQ(processes_of("gamma"), 1);

    ASSERT_EQ(client->post("/api/bots/gamma/stop", Json::object()).status, 202);
    EXPECT_TRUE(eventually([&] { return processes_of("gamma") == 0; }, std::chrono::seconds(20)));
    EXPECT_EQ(bot("gamma")["current_state"], "stopped");
}

TEST_F(LifecycleRaces, AStartRacingADeleteNeverLeavesTheBotRunning) {
    for (int i = 0; i < 4; ++i) {
        std::string id = "race-" + std::to_string(i);
        ASSERT_EQ(client->post("/api/bots", {{"id", id}, {"name", id}}).status, 201);
        send_together({{"POST", "/api/bots/" + id + "/start"}, {"DELETE", "/api/bots/" + id}},
                      0);
        EXPECT_EQ(client->get("/api/bots/" + id).status, 404) << id;
        EXPECT_TRUE(eventually([&] { return processes_of(id) == 0; }, std::chrono::seconds(20)))
            << id << " still runs";
    }
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref LIKE "
                               "'race-%' AND event_type = 'container_started' AND created_at > "
                               "(SELECT max(created_at) FROM bot_activity_event e WHERE "
                               "e.bot_ref = bot_activity_event.bot_ref AND "
                               "e.event_type = 'bot_deleted')"),
              "0");
}

}  // namespace nbdash::testing
