// The Docker runtime as main.cpp builds it: the Engine client, the image service and the
// driver, made only when the daemon answers.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "docker/engine_client.hpp"
#include "docker/image_service.hpp"
#include "runtime/docker_driver.hpp"

namespace nbdash::runtime {

struct DockerRuntime {
    DockerRuntime(boost::asio::io_context& io, BlockingPool& blocking, workspace::BotFiles& files,
                  Settings& settings, const std::string& host, DockerOptions options);

    docker::EngineClient engine;
    docker::ImageService images;
    DockerDriver driver;
};

// True when the daemon at host answers /_ping within timeout. Blocks: call it before the I/O
// threads run.
bool docker_answers(const std::string& host, std::chrono::milliseconds timeout);

// Builds context_dir (holding a Dockerfile) as tag on the daemon at host, for the command line.
// Blocks until the build ends; the outcome holds the build log.
docker::BuildOutcome build_image_now(const std::string& host, const std::string& tag,
                                     const std::string& context_dir);

}  // namespace nbdash::runtime
