// The private dockerd the Docker tests run against (NBDASH_TEST_DOCKER_HOST, started by
// ./test.sh) and the simbot image built on it through nbdash's own API.
#pragma once

#include <string>

#include "support/test_services.hpp"

namespace nbdash::testing {

// True when NBDASH_TEST_DOCKER_HOST and NBDASH_TEST_SIMBOT_STATIC are set. Without them a Docker
// test skips, unless NBDASH_REQUIRE_SERVICES=1 (./test.sh), where it fails.
bool docker_configured();
#define NBDASH_REQUIRE_DOCKER()                                                              \
    do {                                                                                     \
        NBDASH_REQUIRE_CLUSTER();                                                            \
        if (!::nbdash::testing::docker_configured()) {                                       \
            if (std::getenv("NBDASH_REQUIRE_SERVICES")) {                                    \
                FAIL() << "NBDASH_TEST_DOCKER_HOST / NBDASH_TEST_SIMBOT_STATIC are not set"; \
            }                                                                                \
            GTEST_SKIP() << "no private dockerd: set NBDASH_TEST_DOCKER_HOST and "           \
                            "NBDASH_TEST_SIMBOT_STATIC (./test.sh does)";                    \
        }                                                                                    \
    } while (0)

// Direct Engine API calls for the assertions (what Docker itself says), blocking.
class DockerProbe {
public:
    DockerProbe();
    // GET /containers/{name}/json; a null Json when there is no such container.
    Json inspect(const std::string& name) const;
    // POST /containers/{name}/kill; returns the HTTP status.
    int kill(const std::string& name) const;
    // DELETE /containers/{name}?force=1; returns the HTTP status.
    int remove(const std::string& name) const;
    // Removes every container nbdash manages on the test daemon.
    void remove_managed() const;
    // True when the daemon answers /_ping.
    bool answers() const;

private:
    std::string host_;
};

// nbdash settings for the Docker runtime on the test daemon, bots on the host network.
ServerOptions docker_server_options();

// Lays out <data>/images/simbot-docker (Dockerfile + static simbot) and builds it as tag
// through POST /api/images; throws when it is not ready within a minute.
void build_simbot_image(ApiClient& client, const TempFolder& data, const std::string& tag);

}  // namespace nbdash::testing
