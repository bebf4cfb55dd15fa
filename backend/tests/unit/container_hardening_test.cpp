#include "runtime/container_hardening.hpp"

#include <gtest/gtest.h>

namespace nbdash::docker {

TEST(ContainerHardening, ReadOnlyRootAndPublishAddressReachTheCreateBody) {
    ContainerSpec spec;
    spec.network = "bridge";
    spec.ports = {{8765, 40001}};
    std::string fingerprint = spec_fingerprint(spec);

    Json loose = create_body(spec);
    EXPECT_EQ(loose["HostConfig"]["Privileged"], false);
    EXPECT_EQ(loose["HostConfig"]["ReadonlyRootfs"], false);
    EXPECT_FALSE(loose["HostConfig"].contains("Tmpfs"));

    spec.read_only_rootfs = true;
    spec.publish_address = "0.0.0.0";
    Json strict = create_body(spec);
    EXPECT_EQ(strict["HostConfig"]["ReadonlyRootfs"], true);
    EXPECT_EQ(strict["HostConfig"]["Tmpfs"]["/tmp"], "rw,noexec,nosuid,size=64m");
    EXPECT_EQ(strict["HostConfig"]["PortBindings"]["8765/tcp"][0]["HostIp"], "0.0.0.0");
    EXPECT_NE(spec_fingerprint(spec), fingerprint) << "a read-only root needs a new container";
}

}  // namespace nbdash::docker
