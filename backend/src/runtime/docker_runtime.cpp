#include "runtime/docker_runtime.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace nbdash::runtime {

namespace asio = boost::asio;

DockerRuntime::DockerRuntime(asio::io_context& io, BlockingPool& blocking,
                             workspace::BotFiles& files, Settings& settings,
                             const std::string& host, DockerOptions options)
    : engine(io.get_executor(), host),
      images(engine, blocking),
      driver(io, blocking, files, engine, images, settings, std::move(options)) {}

bool docker_answers(const std::string& host, std::chrono::milliseconds timeout) {
    try {
        asio::io_context io;
        docker::EngineClient client(io.get_executor(), host);
        bool answered = false;
        asio::co_spawn(io, client.ping(timeout), [&answered](std::exception_ptr, bool ok) {
            answered = ok;
        });
        io.run();
        return answered;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

docker::BuildOutcome build_image_now(const std::string& host, const std::string& tag,
                                     const std::string& context_dir) {
    asio::io_context io;
    BlockingPool blocking(1);
    docker::EngineClient client(io.get_executor(), host);
    docker::ImageService images(client, blocking);
    docker::BuildOutcome outcome;
    asio::co_spawn(io, images.build(tag, context_dir),
                   [&outcome](std::exception_ptr failure, docker::BuildOutcome result) {
        if (failure) {
            outcome.log = "the build could not run\n";
            return;
        }
        outcome = std::move(result);
    });
    io.run();
    return outcome;
}

}  // namespace nbdash::runtime
