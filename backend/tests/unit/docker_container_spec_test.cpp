#include "docker/container_spec.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "runtime/resources.hpp"

namespace nbdash::docker {

namespace {

ContainerSpec sample_spec() {
    ContainerSpec spec;
    spec.name = "nanobot-alpha";
    spec.bot_id = "alpha";
    spec.image = "simbot:test";
    spec.image_id = "sha256:abc";
    spec.cmd = {"gateway", "--config", "/data/config.json"};
    spec.env = {{"HOME", "/"}, {"LANG", "C.UTF-8"}};
    spec.data_source = "/srv/bots/alpha/.nanobot";
    spec.data_target = "/data";
    spec.user = "1000:1000";
    spec.cpus = 0.5;
    spec.memory_mb = 128;
    spec.pids = 64;
    spec.network = "bridge";
    spec.ports = {{8765, 40001}, {18790, 40002}};
    return spec;
}

}  // namespace

TEST(ContainerSpec, CreateBodyCarriesLabelsMountAndLimits) {
    Json body = create_body(sample_spec());

    EXPECT_EQ(body["Image"], "simbot:test");
    EXPECT_EQ(body["Labels"][kManagedLabel], "true");
    EXPECT_EQ(body["Labels"][kBotIdLabel], "alpha");
    EXPECT_EQ(body["User"], "1000:1000");
    const Json& host = body["HostConfig"];
    EXPECT_EQ(host["Binds"][0], "/srv/bots/alpha/.nanobot:/data");
    EXPECT_EQ(host["Memory"], 128 * 1024 * 1024);
    EXPECT_EQ(host["MemorySwap"], 128 * 1024 * 1024);
    EXPECT_EQ(host["NanoCpus"], 500000000);
    EXPECT_EQ(host["PidsLimit"], 64);
    EXPECT_EQ(host["CapDrop"], Json::array({"ALL"}));
    EXPECT_EQ(host["SecurityOpt"], Json::array({"no-new-privileges"}));
    EXPECT_EQ(host["RestartPolicy"]["Name"], "on-failure");
    EXPECT_EQ(host["RestartPolicy"]["MaximumRetryCount"], 3);
    EXPECT_EQ(body["Env"], Json::array({"HOME=/", "LANG=C.UTF-8"}));
}

TEST(ContainerSpec, BridgePublishesOnLoopbackOnly) {
    Json body = create_body(sample_spec());

    const Json& bindings = body["HostConfig"]["PortBindings"];
    ASSERT_EQ(bindings.size(), 2u);
    EXPECT_EQ(bindings["8765/tcp"][0]["HostIp"], "127.0.0.1");
    EXPECT_EQ(bindings["8765/tcp"][0]["HostPort"], "40001");
    EXPECT_TRUE(body["ExposedPorts"].contains("18790/tcp"));
}

TEST(ContainerSpec, HostNetworkPublishesNothing) {
    ContainerSpec spec = sample_spec();
    spec.network = "host";

    Json body = create_body(spec);

    EXPECT_EQ(body["HostConfig"]["NetworkMode"], "host");
    EXPECT_FALSE(body["HostConfig"].contains("PortBindings"));
    EXPECT_TRUE(body["ExposedPorts"].empty());
}

TEST(ContainerSpec, FingerprintIgnoresHostPortsButNotQuota) {
    ContainerSpec a = sample_spec();
    ContainerSpec other_ports = a;
    other_ports.ports = {{8765, 50001}, {18790, 50002}};
    ContainerSpec other_memory = a;
    other_memory.memory_mb = 256;
    ContainerSpec other_image = a;
    other_image.image_id = "sha256:def";

    EXPECT_EQ(spec_fingerprint(a), spec_fingerprint(other_ports));
    EXPECT_NE(spec_fingerprint(a), spec_fingerprint(other_memory));
    EXPECT_NE(spec_fingerprint(a), spec_fingerprint(other_image));
}

TEST(ContainerSpec, CapabilitiesFromALabelAreNormalised) {
    EXPECT_EQ(parse_capabilities("chown, CAP_SETUID,SETGID"),
              (std::vector<std::string>{"CHOWN", "SETUID", "SETGID"}));
    EXPECT_EQ(parse_capabilities("SYS_ADMIN;rm -rf,,"), std::vector<std::string>{});
    EXPECT_TRUE(parse_capabilities("").empty());
}

TEST(Resources, ReadsTheQuotaFromEnvJson) {
    Json env = {{"resources", {{"cpus", 0.5}, {"memory_mb", 128}, {"pids", 64}}}};

    auto resources = runtime::resources_from_env(env);

    EXPECT_DOUBLE_EQ(resources.cpus, 0.5);
    EXPECT_EQ(resources.memory_mb, 128);
    EXPECT_EQ(resources.pids, 64);
}

TEST(Resources, RefusesZeroAndAbsurdValues) {
    for (const Json& bad : {Json{{"cpus", 0}}, Json{{"cpus", 100000}}, Json{{"memory_mb", 0}},
                            Json{{"memory_mb", 1e12}}, Json{{"pids", -1}}, Json{{"pids", 1e9}},
                            Json{{"cpus", "two"}}}) {
        Json env = {{"resources", bad}};
        try {
            runtime::resources_from_env(env);
            ADD_FAILURE() << "accepted " << bad.dump();
        } catch (const ClientError& e) {
            EXPECT_EQ(e.code(), "invalid_quota");
        }
    }
}

}  // namespace nbdash::docker
