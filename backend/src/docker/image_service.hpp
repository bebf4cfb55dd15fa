// Local images on the Engine: what a tag resolves to (id and labels) and builds from a folder
// through the build endpoint, with the build output kept as a log.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/blocking_pool.hpp"
#include "docker/engine_client.hpp"

namespace nbdash::docker {

struct ImageFacts {
    std::string id;  // sha256:...
    std::map<std::string, std::string> labels;
};

struct BuildOutcome {
    bool ok = false;
    std::string image_id;
    std::string log;  // build output, at most kMaxBuildLogBytes
};

class ImageService {
public:
    static constexpr std::size_t kMaxBuildLogBytes = 256 * 1024;
    static constexpr std::uint64_t kMaxContextBytes = 512ull * 1024 * 1024;

    ImageService(EngineClient& engine, BlockingPool& blocking);

    // nullopt when no local image has this tag; throws EngineError when the daemon fails.
    boost::asio::awaitable<std::optional<ImageFacts>> inspect(std::string tag);

    // Builds dir (which holds a Dockerfile) as tag. Never throws for a failed build: the
    // outcome says so and its log tells why (including an unreachable daemon).
    boost::asio::awaitable<BuildOutcome> build(std::string tag, std::filesystem::path dir);

private:
    EngineClient& engine_;
    BlockingPool& blocking_;
};

}  // namespace nbdash::docker
