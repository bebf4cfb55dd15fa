// Bots in containers on a real private dockerd (host network): the lifecycle, the quota as
// Docker applies it, and state that stays true when something changes behind the dashboard.
#include <fstream>

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "support/dashboard_test.hpp"
#include "support/docker_support.hpp"

namespace nbdash::testing {

namespace {

constexpr const char* kImage = "nbdash-simbot:test";

class DockerLifecycle : public DashboardTest {
protected:
    void SetUp() override {
        NBDASH_REQUIRE_DOCKER();
        ASSERT_TRUE(probe.answers()) << "the test dockerd does not answer";
        DashboardTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        build_simbot_image(*client, *data, kImage);
    }

    void TearDown() override {
        server.reset();
        if (docker_configured()) probe.remove_managed();
    }

    ServerOptions server_options() const override { return docker_server_options(); }
    std::map<std::string, std::string> settings() const override {
        return {{"runtime.stats_interval_seconds", "1"}};
    }

    std::string create(const std::string& id) {
        auto created = client->post("/api/bots", {{"id", id}, {"image_tag", kImage}});
        EXPECT_EQ(created.status, 201) << created.body;
        return id;
    }

    void start_until_ready(const std::string& id) {
        auto started = client->post("/api/bots/" + id + "/start", Json::object());
        ASSERT_EQ(started.status, 202) << started.body << server->log_text();
        ASSERT_TRUE(eventually([&] { return bot(id)["current_state"] == "ready"; },
                               std::chrono::seconds(20)))
            << bot(id).dump() << server->log_text();
    }

    void write_resources(const std::string& id, const Json& resources) {
        auto path = data->path() / "bots" / id / ".nanobot" / "env.json";
        Json env = {{"env", Json::object()}, {"secret_env", Json::array()},
                    {"resources", resources}};
        std::ofstream(path) << env.dump();
    }

    bool chat_works(const std::string& id, const std::string& text) {
        auto sent = client->post("/api/bots/" + id + "/messages", {{"text", text}});
        if (sent.status != 202) return false;
        std::string request_id = sent.json()["request_id"];
        return eventually([&] {
            return database->scalar("SELECT status FROM bot_request_usage WHERE request_id = '" +
                                    request_id + "'") == "success";
        }, std::chrono::seconds(15));
    }

    std::string events_of(const std::string& id) {
        return database->scalar("SELECT string_agg(event_type, ',' ORDER BY id) FROM "
                                "bot_activity_event WHERE bot_ref = '" + id + "'");
    }

    DockerProbe probe;
};

}  // namespace

TEST_F(DockerLifecycle, CreateStartChatStopStartDelete) {
    std::string id = create("dk-" + random_hex(3));
    start_until_ready(id);
    Json running = probe.inspect("nanobot-" + id);
    ASSERT_TRUE(running.is_object());
    EXPECT_TRUE(running["State"]["Running"].get<bool>());
    EXPECT_EQ(running["Config"]["Labels"]["io.nbdash.managed"], "true");
    EXPECT_EQ(running["Config"]["Labels"]["io.nbdash.bot-id"], id);
    EXPECT_EQ(running["HostConfig"]["NetworkMode"], "host");
    EXPECT_TRUE(chat_works(id, "hello from a container")) << server->log_text();

    auto stopped = client->post("/api/bots/" + id + "/stop", Json::object());
    EXPECT_EQ(stopped.status, 202);
    EXPECT_EQ(stopped.json()["docker_status"], "exited");
    EXPECT_FALSE(probe.inspect("nanobot-" + id)["State"]["Running"].get<bool>());
    start_until_ready(id);
    EXPECT_TRUE(chat_works(id, "and again"));
    auto deleted = client->request("DELETE", "/api/bots/" + id);

    EXPECT_EQ(deleted.status, 204);
    EXPECT_TRUE(probe.inspect("nanobot-" + id).is_null()) << "the container should be removed";
    EXPECT_TRUE(std::filesystem::exists(data->path() / "bots" / id / ".nanobot" / "config.json"));
    EXPECT_EQ(events_of(id), "bot_created,container_started,channel_connected,container_stopped,"
                             "container_started,channel_connected,bot_deleted");
}

TEST_F(DockerLifecycle, TheQuotaIsAppliedByDocker) {
    std::string id = create("dq-" + random_hex(3));
    write_resources(id, {{"cpus", 0.5}, {"memory_mb", 96}, {"pids", 64}});

    start_until_ready(id);

    Json host = probe.inspect("nanobot-" + id)["HostConfig"];
    EXPECT_EQ(host["Memory"], 96 * 1024 * 1024);
    EXPECT_EQ(host["NanoCpus"], 500000000);
    EXPECT_EQ(host["PidsLimit"], 64);
    EXPECT_EQ(host["CapDrop"], Json::array({"ALL"}));
    EXPECT_EQ(host["SecurityOpt"], Json::array({"no-new-privileges"}));
    EXPECT_EQ(host["RestartPolicy"]["Name"], "on-failure");
}

TEST_F(DockerLifecycle, AQuotaChangeMakesANewContainer) {
    std::string id = create("dr-" + random_hex(3));
    start_until_ready(id);
    std::string first = probe.inspect("nanobot-" + id)["Id"];
    client->post("/api/bots/" + id + "/stop", Json::object());
    write_resources(id, {{"cpus", 1}, {"memory_mb", 200}, {"pids", 128}});

    start_until_ready(id);

    Json second = probe.inspect("nanobot-" + id);
    EXPECT_NE(second["Id"], first);
    EXPECT_EQ(second["HostConfig"]["Memory"], 200 * 1024 * 1024);
}

TEST_F(DockerLifecycle, AContainerKilledOutsideIsSeenAsDied) {
    std::string id = create("dk-" + random_hex(3));
    start_until_ready(id);

    ASSERT_EQ(probe.kill("nanobot-" + id), 204);

    ASSERT_TRUE(eventually([&] { return bot(id)["docker_status"] == "exited"; },
                           std::chrono::seconds(5)))
        << bot(id).dump() << server->log_text();
    EXPECT_EQ(bot(id)["current_state"], "error");
    EXPECT_EQ(database->scalar("SELECT severity FROM bot_activity_event WHERE bot_ref = '" + id +
                               "' AND event_type = 'container_died'"),
              "error");
}

TEST_F(DockerLifecycle, AContainerRemovedBehindItsBackIsReported) {
    std::string id = create("dx-" + random_hex(3));
    start_until_ready(id);

    ASSERT_EQ(probe.remove("nanobot-" + id), 204);

    ASSERT_TRUE(eventually([&] { return bot(id)["docker_status"] == "absent"; },
                           std::chrono::seconds(5)))
        << bot(id).dump() << server->log_text();
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref = '" + id +
                               "' AND event_type = 'container_removed'"),
              "1");
}

TEST_F(DockerLifecycle, ADashboardRestartFindsTheBotRunningAndReconnects) {
    std::string id = create("dn-" + random_hex(3));
    start_until_ready(id);
    std::string container_id = probe.inspect("nanobot-" + id)["Id"];

    restart_server();

    ASSERT_TRUE(eventually([&] { return bot(id)["current_state"] == "ready"; },
                           std::chrono::seconds(20)))
        << bot(id).dump() << server->log_text();
    EXPECT_EQ(probe.inspect("nanobot-" + id)["Id"], container_id) << "the container is adopted";
    EXPECT_TRUE(chat_works(id, "still there?"));
}

TEST_F(DockerLifecycle, AContainerThatDiedWhileTheDashboardWasDownIsReported) {
    std::string id = create("dd-" + random_hex(3));
    start_until_ready(id);
    server->stop();

    ASSERT_EQ(probe.kill("nanobot-" + id), 204);
    server = std::make_unique<NbdashServer>(*database, *data, server_options());
    client = std::make_unique<ApiClient>(server->signed_in_client());

    ASSERT_TRUE(eventually([&] { return bot(id)["current_state"] == "ready"; },
                           std::chrono::seconds(20)))
        << bot(id).dump() << server->log_text();
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event WHERE bot_ref = '" + id +
                               "' AND event_type = 'container_died'"),
              "1")
        << events_of(id) << server->log_text();
}

}  // namespace nbdash::testing
