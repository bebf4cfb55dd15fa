#include "support/docker_support.hpp"

#include <fstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "docker/engine_client.hpp"

namespace nbdash::testing {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using boost::beast::http::verb;

namespace {

const char* env(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

docker::EngineResponse call(const std::string& host, verb method, const std::string& target) {
    asio::io_context io;
    docker::EngineClient client(io.get_executor(), host);
    docker::EngineResponse response;
    asio::co_spawn(io, client.call(method, target),
                   [&response](std::exception_ptr failure, docker::EngineResponse r) {
                       if (!failure) response = std::move(r);
                   });
    io.run();
    return response;
}

}  // namespace

bool docker_configured() {
    return env("NBDASH_TEST_DOCKER_HOST") && env("NBDASH_TEST_SIMBOT_STATIC");
}

DockerProbe::DockerProbe()
    : host_(env("NBDASH_TEST_DOCKER_HOST") ? env("NBDASH_TEST_DOCKER_HOST") : "") {}

Json DockerProbe::inspect(const std::string& name) const {
    auto response = call(host_, verb::get, "/containers/" + name + "/json");
    if (response.status != 200) return Json();
    return Json::parse(response.body, nullptr, false);
}

int DockerProbe::kill(const std::string& name) const {
    return call(host_, verb::post, "/containers/" + name + "/kill").status;
}

int DockerProbe::remove(const std::string& name) const {
    return call(host_, verb::delete_, "/containers/" + name + "?force=1").status;
}

void DockerProbe::remove_managed() const {
    auto response = call(host_, verb::get,
                         "/containers/json?all=1&filters=" +
                             docker::query_escape(R"({"label":["io.nbdash.managed=true"]})"));
    auto list = Json::parse(response.body, nullptr, false);
    if (!list.is_array()) return;
    for (const auto& item : list) remove(item.value("Id", ""));
}

bool DockerProbe::answers() const {
    return call(host_, verb::get, "/_ping").status == 200;
}

ServerOptions docker_server_options() {
    ServerOptions options;
    options.env = {{"NBDASH_RUNTIME", "docker"},
                   {"NBDASH_DOCKER_HOST", env("NBDASH_TEST_DOCKER_HOST")},
                   {"NBDASH_BOT_NETWORK", "host"}};
    return options;
}

void build_simbot_image(ApiClient& client, const TempFolder& data, const std::string& tag) {
    fs::path context = data.path() / "images" / "simbot-docker";
    fs::create_directories(context);
    fs::copy_file(source_dir() + "/images/simbot/Dockerfile", context / "Dockerfile",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(env("NBDASH_TEST_SIMBOT_STATIC"), context / "nanobot",
                  fs::copy_options::overwrite_existing);
    auto started = client.post("/api/images", {{"tag", tag}, {"source_dir", context.string()}});
    if (started.status != 202) throw std::runtime_error("image build refused: " + started.body);
    std::string status;
    bool done = eventually(
        [&] {
            Json listing = client.get("/api/images").json();  // kept: the loop borrows from it
            for (const auto& image : listing["images"]) {
                if (image["tag"] == tag) status = image["status"].get<std::string>();
            }
            return status == "ready" || status == "failed";
        },
        std::chrono::seconds(60));
    if (!done || status != "ready") {
        throw std::runtime_error("simbot image build " + status + ": " +
                                 client.get("/api/images/" + tag + "/build-log").body);
    }
}

}  // namespace nbdash::testing
