// The image registry on the Docker runtime: register a local image, build from a folder,
// failed builds, images in use, and bad input refused with nothing changed.
#include <fstream>

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "support/dashboard_test.hpp"
#include "support/docker_support.hpp"

namespace nbdash::testing {

namespace {

namespace fs = std::filesystem;

class DockerImages : public DashboardTest {
protected:
    void SetUp() override {
        NBDASH_REQUIRE_DOCKER();
        DashboardTest::SetUp();
    }

    void TearDown() override {
        server.reset();
        if (docker_configured()) probe.remove_managed();
    }

    ServerOptions server_options() const override { return docker_server_options(); }

    std::string wait_for_build(const std::string& tag) {
        std::string status;
        eventually([&] {
            Json listing = client->get("/api/images").json();  // kept: the loop borrows from it
            for (const auto& image : listing["images"]) {
                if (image["tag"] == tag) status = image["status"].get<std::string>();
            }
            return status == "ready" || status == "failed";
        }, std::chrono::seconds(60));
        return status;
    }

    DockerProbe probe;
};

}  // namespace

TEST_F(DockerImages, AFailedBuildRecordsFailedAndItsLog) {
    fs::path context = data->path() / "images" / "broken";
    fs::create_directories(context);
    std::ofstream(context / "Dockerfile") << "FROM scratch\nCOPY no-such-file /x\n";

    auto started = client->post("/api/images", {{"tag", "broken:1"},
                                               {"source_dir", context.string()}});

    ASSERT_EQ(started.status, 202) << started.body;
    EXPECT_EQ(started.json()["status"], "building");
    EXPECT_EQ(wait_for_build("broken:1"), "failed");
    auto log = client->get("/api/images/broken:1/build-log").json();
    EXPECT_EQ(log["status"], "failed");
    EXPECT_NE(log["build_log"].get<std::string>().find("no-such-file"), std::string::npos)
        << log.dump();
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_activity_event "
                               "WHERE event_type = 'image_build_failed'"),
              "1");
}

TEST_F(DockerImages, ALocalImageIsRegisteredByTag) {
    build_simbot_image(*client, *data, "nbdash-simbot:test");

    auto registered = client->post("/api/images", {{"tag", "nbdash-simbot:test"}});

    ASSERT_EQ(registered.status, 201) << registered.body;
    EXPECT_EQ(registered.json()["status"], "ready");
    EXPECT_TRUE(registered.json()["image_id"].get<std::string>().starts_with("sha256:"));
}

TEST_F(DockerImages, BadInputIsRefusedAndChangesNothing) {
    auto unknown = client->post("/api/images", {{"tag", "no-such-image:0"}});
    auto outside = client->post("/api/images", {{"tag", "evil:1"}, {"source_dir", "/etc"}});
    auto no_dockerfile = client->post(
        "/api/images", {{"tag", "empty:1"}, {"source_dir", (data->path() / "images").string()}});

    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.error_code(), "unknown_image");
    EXPECT_EQ(outside.status, 400);
    EXPECT_EQ(outside.error_code(), "invalid_source_dir");
    EXPECT_EQ(no_dockerfile.status, 400);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_image WHERE tag <> 'simbot:latest'"),
              "0");
}

TEST_F(DockerImages, AnAbsurdQuotaIsRefusedBeforeAnythingStarts) {
    build_simbot_image(*client, *data, "nbdash-simbot:test");
    std::string id = "dz-" + random_hex(3);
    ASSERT_EQ(client->post("/api/bots", {{"id", id}, {"image_tag", "nbdash-simbot:test"}}).status,
              201);
    auto env_path = data->path() / "bots" / id / ".nanobot" / "env.json";

    for (const Json& bad : {Json{{"memory_mb", 0}}, Json{{"cpus", 4096}}, Json{{"pids", 1e12}}}) {
        std::ofstream(env_path) << Json{{"env", Json::object()}, {"resources", bad}}.dump();
        auto refused = client->post("/api/bots/" + id + "/start", Json::object());
        EXPECT_EQ(refused.status, 400) << bad.dump();
        EXPECT_EQ(refused.error_code(), "invalid_quota");
    }

    auto bot = client->get("/api/bots/" + id).json();
    EXPECT_EQ(bot["current_state"], "stopped");
    EXPECT_EQ(bot["enabled"], false);
    EXPECT_TRUE(probe.inspect("nanobot-" + id).is_null());
}

TEST_F(DockerImages, AnImageInUseCannotBeDeleted) {
    build_simbot_image(*client, *data, "nbdash-simbot:test");
    ASSERT_EQ(client->post("/api/bots", {{"id", "du-" + random_hex(3)},
                                         {"image_tag", "nbdash-simbot:test"}}).status,
              201);
    build_simbot_image(*client, *data, "nbdash-simbot:spare");

    auto in_use = client->request("DELETE", "/api/images/nbdash-simbot:test");
    auto unused = client->request("DELETE", "/api/images/nbdash-simbot%3Aspare");
    auto missing = client->request("DELETE", "/api/images/nbdash-simbot:spare");

    EXPECT_EQ(in_use.status, 409);
    EXPECT_EQ(in_use.error_code(), "image_in_use");
    EXPECT_EQ(unused.status, 204);
    EXPECT_EQ(missing.status, 404);
}

}  // namespace nbdash::testing
