// A started bot's container, as the Docker daemon reports it, carries every hardening flag:
// not privileged, all capabilities dropped but what the image names, no-new-privileges, a pids
// limit, only the bot's own folder mounted (no Docker socket), optionally a read-only root.
#include <gtest/gtest.h>

#include "support/docker_support.hpp"

namespace nbdash::testing {

namespace {

constexpr const char* kImage = "nbdash-simbot:hardening";

class DockerHardening : public ::testing::Test {
protected:
    void start_dashboard(bool read_only_root) {
        NBDASH_REQUIRE_DOCKER();
        ASSERT_TRUE(probe.answers()) << "the test dockerd does not answer";
        database = std::make_unique<FreshDatabase>();
        data = std::make_unique<TempFolder>();
        if (read_only_root) {
            database->execute("UPDATE sys_setting SET value_json = 'true' "
                              "WHERE key = 'runtime.read_only_rootfs'");
        }
        install_simbot_image(*database, *data);
        server = std::make_unique<NbdashServer>(*database, *data, docker_server_options());
        client = std::make_unique<ApiClient>(server->signed_in_client());
        build_simbot_image(*client, *data, kImage);
    }

    void TearDown() override {
        server.reset();
        if (docker_configured()) probe.remove_managed();
    }

    Json start_and_inspect(const std::string& id) {
        EXPECT_EQ(client->post("/api/bots", {{"id", id}, {"image_tag", kImage}}).status, 201);
        auto started = client->post("/api/bots/" + id + "/start", Json::object());
        EXPECT_EQ(started.status, 202) << started.body;
        bool ready = eventually([&] {
            return client->get("/api/bots/" + id).json()["current_state"] == "ready";
        }, std::chrono::seconds(20));
        EXPECT_TRUE(ready) << server->log_text();
        return probe.inspect("nanobot-" + id);
    }

    DockerProbe probe;
    std::unique_ptr<FreshDatabase> database;
    std::unique_ptr<TempFolder> data;
    std::unique_ptr<NbdashServer> server;
    std::unique_ptr<ApiClient> client;
};

}  // namespace

TEST_F(DockerHardening, AStartedBotsContainerHasEveryHardeningFlag) {
    start_dashboard(false);
    if (HasFatalFailure() || IsSkipped()) return;
    Json container = start_and_inspect("hardened");
    ASSERT_FALSE(container.is_null());
    const Json& host = container["HostConfig"];

    EXPECT_EQ(host["Privileged"], false);
    EXPECT_EQ(host["CapDrop"], Json::array({"ALL"}));
    // The simbot image names no capabilities: the bot runs with none.
    EXPECT_TRUE(host["CapAdd"].is_null() || host["CapAdd"].empty()) << host["CapAdd"].dump();
    EXPECT_EQ(host["SecurityOpt"], Json::array({"no-new-privileges"}));
    EXPECT_GT(host["PidsLimit"].get<std::int64_t>(), 0);
    EXPECT_LE(host["PidsLimit"].get<std::int64_t>(), 4096);
    EXPECT_GT(host["Memory"].get<std::int64_t>(), 0);
    EXPECT_EQ(host["ReadonlyRootfs"], false);
    EXPECT_NE(host["NetworkMode"], "container");
    EXPECT_TRUE(host["Devices"].is_null() || host["Devices"].empty());
    EXPECT_TRUE(host["PidMode"].is_null() || host["PidMode"] == "");
    EXPECT_TRUE(host["IpcMode"] != "host");

    // Exactly one mount: the bot's own .nanobot folder. No Docker socket, no other host path.
    const Json& mounts = container["Mounts"];
    ASSERT_EQ(mounts.size(), 1u) << mounts.dump();
    std::string source = mounts[0]["Source"];
    EXPECT_EQ(source, (data->path() / "bots" / "hardened" / ".nanobot").string());
    for (const auto& mount : mounts) {
        EXPECT_EQ(mount["Source"].get<std::string>().find("docker.sock"), std::string::npos);
    }
    for (const auto& bind : host["Binds"]) {
        EXPECT_EQ(bind.get<std::string>().find("docker.sock"), std::string::npos);
    }
    // Published ports (bridge network only) bind to loopback.
    if (host["PortBindings"].is_object()) {
        for (const auto& [port, bindings] : host["PortBindings"].items()) {
            for (const auto& binding : bindings) EXPECT_EQ(binding["HostIp"], "127.0.0.1") << port;
        }
    }
    // The process runs as the owner of the bot's folder (or the image's named user).
    EXPECT_NE(container["Config"]["User"], "");
}

TEST_F(DockerHardening, TheReadOnlyRootSettingMakesTheRootReadOnlyAndTheBotStillWorks) {
    start_dashboard(true);
    if (HasFatalFailure() || IsSkipped()) return;
    Json container = start_and_inspect("readonly");
    ASSERT_FALSE(container.is_null());
    EXPECT_EQ(container["HostConfig"]["ReadonlyRootfs"], true);
    EXPECT_TRUE(container["HostConfig"]["Tmpfs"].contains("/tmp"));

    auto sent = client->post("/api/bots/readonly/messages", {{"text", "still there?"}});
    ASSERT_EQ(sent.status, 202);
    std::string request_id = sent.json()["request_id"];
    EXPECT_TRUE(eventually([&] {
        return database->scalar("SELECT status FROM bot_request_usage WHERE request_id = '" +
                                request_id + "'") == "success";
    }, std::chrono::seconds(15)));
}

}  // namespace nbdash::testing
