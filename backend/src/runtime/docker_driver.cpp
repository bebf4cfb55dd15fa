#include "runtime/docker_driver.hpp"

#include <sys/stat.h>

#include "common/errors.hpp"
#include "common/log.hpp"
#include "runtime/container_hardening.hpp"
#include "runtime/process_driver.hpp"

extern char** environ;

namespace nbdash::runtime {

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace fs = std::filesystem;

namespace {

constexpr std::uint16_t kWebsocketPort = 8765;  // inside the container, bridge network
constexpr std::uint16_t kGatewayPort = 18790;

std::string owner_of(const fs::path& dir) {
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0)
        throw Unavailable("runtime_failed", "the bot folder is missing");
    return std::to_string(info.st_uid) + ":" + std::to_string(info.st_gid);
}

std::uint16_t host_port_of(const Json& ports, std::uint16_t container_port) {
    auto key = std::to_string(container_port) + "/tcp";
    if (!ports.is_object() || !ports.contains(key) || !ports[key].is_array()) return 0;
    for (const auto& binding : ports[key]) {
        auto text = binding.value("HostPort", std::string());
        if (!text.empty()) return static_cast<std::uint16_t>(std::stoi(text));
    }
    return 0;
}

}  // namespace

std::string container_name(const std::string& bot_id) {
    return "nanobot-" + bot_id;
}

// Engine failures become errors safe to show; Docker's own text goes to the log only.
void fail_engine_call(const docker::EngineError& e, const std::string& bot_id, const char* what) {
    log::error("docker call failed", {log::kv("bot_id", bot_id), log::kv("operation", what),
                                      log::kv("status", e.status()), log::kv("error", e.what())});
    if (e.unreachable())
        throw Unavailable("docker_unreachable", "the Docker daemon is unreachable");
    throw Unavailable("runtime_failed", std::string("Docker could not ") + what +
                                            " the container (HTTP " + std::to_string(e.status()) +
                                            ")");
}


std::string bot_network(const Settings& settings) {
    const char* env = std::getenv("NBDASH_BOT_NETWORK");
    std::string network = env && *env ? env : settings.get_string("runtime.bot_network", "bridge");
    if (network != "bridge" && network != "host") {
        throw std::invalid_argument(
            "NBDASH_BOT_NETWORK (or runtime.bot_network) must be bridge "
            "or host");
    }
    return network;
}

DockerDriver::DockerDriver(asio::io_context& io, BlockingPool& blocking, workspace::BotFiles& files,
                           docker::EngineClient& engine, docker::ImageService& images,
                           Settings& settings, DockerOptions options)
    : io_(io),
      blocking_(blocking),
      files_(files),
      engine_(engine),
      images_(images),
      settings_(settings),
      options_(std::move(options)) {}

void DockerDriver::note(const std::string& bot_id, const std::function<void(Known&)>& change) {
    std::lock_guard lock(mutex_);
    change(known_[bot_id]);
}

std::string DockerDriver::status(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    if (!reachable_) return "unknown";
    auto it = known_.find(bot_id);
    return it == known_.end() ? "absent" : it->second.status;
}

void DockerDriver::dial_address(const std::string& bot_id, workspace::ChannelEndpoint& endpoint) {
    if (options_.network != "bridge") return;
    std::lock_guard lock(mutex_);
    auto it = known_.find(bot_id);
    if (it == known_.end()) return;
    endpoint.host = "127.0.0.1";
    endpoint.port = it->second.websocket_port;
    endpoint.gateway_port = it->second.gateway_port;
}

asio::awaitable<docker::ContainerSpec> DockerDriver::make_spec(const BotLaunch& launch) {
    std::optional<docker::ImageFacts> image;
    try {
        image = co_await images_.inspect(launch.image_tag);
    } catch (const docker::EngineError& e) {
        fail_engine_call(e, launch.bot_id, "inspect the image of");
    }
    if (!image) {
        throw Conflict("image_missing", "the Docker daemon has no image '" + launch.image_tag +
                                            "'; build or load it first");
    }
    docker::ContainerSpec spec;
    spec.name = container_name(launch.bot_id);
    spec.bot_id = launch.bot_id;
    spec.image = launch.image_tag;
    spec.image_id = image->id;
    auto label = [&](const char* key) {
        auto it = image->labels.find(key);
        return it == image->labels.end() ? std::string() : it->second;
    };
    spec.data_target = label(docker::kDataPathLabel);
    if (spec.data_target.empty()) {
        spec.data_target =
            settings_.get_string("runtime.docker_data_path", "/home/nanobot/.nanobot");
    }
    if (!spec.data_target.starts_with("/") || spec.data_target == "/") {
        throw Conflict("invalid_data_path", "the image's data path must be an absolute folder");
    }
    spec.data_source = launch.data_dir.string();
    spec.cap_add = docker::parse_capabilities(label(docker::kCapabilitiesLabel));
    // Without a user named by the image, the bot runs as the owner of its folder: it can write
    // its files with no capability at all.
    spec.user = label(docker::kUserLabel);
    if (spec.user.empty()) spec.user = owner_of(launch.data_dir);
    spec.cmd = {"gateway", "--config", spec.data_target + "/config.json"};
    spec.env["HOME"] = fs::path(spec.data_target).parent_path().string();
    // Simulator tuning knobs may be passed through for tests and demos, as on the process runtime.
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        auto eq = text.find('=');
        if (text.starts_with("SIMBOT_") && eq != std::string_view::npos) {
            spec.env[std::string(text.substr(0, eq))] = std::string(text.substr(eq + 1));
        }
    }
    for (const auto& [name, value] : launch.env) spec.env[name] = value;
    spec.cpus = launch.resources.cpus;
    spec.memory_mb = launch.resources.memory_mb;
    spec.pids = launch.resources.pids;
    spec.network = options_.network;
    spec.restart_max = options_.restart_max;
    apply_hardening_settings(settings_, spec);
    co_return spec;
}

// True when a running container with this very spec was adopted; otherwise any container left
// under the name is removed so a fresh one can be made.
asio::awaitable<bool> DockerDriver::adopt_or_clear(const docker::ContainerSpec& spec) {
    auto found = co_await engine_.call(http::verb::get, "/containers/" + spec.name + "/json");
    if (found.status == 404) co_return false;
    if (found.status != 200)
        throw docker::EngineError(found.status, docker::engine_message(found.body));
    Json info = Json::parse(found.body, nullptr, false);
    Json labels = info.value("Config", Json::object()).value("Labels", Json::object());
    if (!labels.is_object() || labels.value(docker::kManagedLabel, "") != "true") {
        throw Conflict("container_name_taken",
                       "a container named " + spec.name + " exists and is not managed by nbdash");
    }
    bool running = info.value("State", Json::object()).value("Running", false);
    if (running && labels.value(docker::kSpecLabel, "") == docker::spec_fingerprint(spec)) {
        Json ports = info.value("NetworkSettings", Json::object()).value("Ports", Json::object());
        note(spec.bot_id, [&](Known& k) {
            k.status = "running";
            k.container_id = info.value("Id", "");
            k.died_by_itself = false;
            k.websocket_port = host_port_of(ports, kWebsocketPort);
            k.gateway_port = host_port_of(ports, kGatewayPort);
        });
        log::info("adopted a running container", {log::kv("bot_id", spec.bot_id)});
        co_return true;
    }
    note(spec.bot_id, [&](Known& k) {
        k.expected_destroys++;
        if (running) k.expected_dies++;
    });
    auto removed =
        co_await engine_.call(http::verb::delete_, "/containers/" + spec.name + "?force=1");
    if (removed.status >= 300 && removed.status != 404) {
        throw docker::EngineError(removed.status, docker::engine_message(removed.body));
    }
    log::info("removed an outdated container", {log::kv("bot_id", spec.bot_id)});
    co_return false;
}

asio::awaitable<void> DockerDriver::create_and_start(docker::ContainerSpec spec) {
    std::uint16_t websocket_port = free_loopback_port();
    std::uint16_t gateway_port = free_loopback_port();
    const bool bridge = spec.network == "bridge";
    if (bridge) spec.ports = {{kWebsocketPort, websocket_port}, {kGatewayPort, gateway_port}};
    co_await blocking_.run([&] {
        Json config = files_.read_config(spec.bot_id);
        auto& ws = config["channels"]["websocket"];
        if (bridge && ws.value("token", std::string()).empty()) {
            throw Conflict("channel_token_missing",
                           "a bot on the bridge network needs a websocket token in config.json");
        }
        // On the host network the bot binds loopback ports the dashboard picked; in a bridge
        // container it must listen on every interface for the published ports to reach it.
        ws["host"] = bridge ? "0.0.0.0" : "127.0.0.1";
        ws["port"] = bridge ? kWebsocketPort : websocket_port;
        config["gateway"]["host"] = bridge ? "0.0.0.0" : "127.0.0.1";
        config["gateway"]["port"] = bridge ? kGatewayPort : gateway_port;
        files_.write_config(spec.bot_id, config);
        return 0;
    });

    auto created = co_await engine_.call(http::verb::post, "/containers/create?name=" + spec.name,
                                         docker::create_body(spec).dump());
    if (created.status != 201)
        throw docker::EngineError(created.status, docker::engine_message(created.body));
    auto created_json = Json::parse(created.body, nullptr, false);
    std::string container_id = created_json.is_object() ? created_json.value("Id", "") : "";
    note(spec.bot_id, [&](Known& k) {
        k.status = "created";
        k.container_id = container_id;
        k.died_by_itself = false;
        k.websocket_port = bridge ? websocket_port : 0;
        k.gateway_port = bridge ? gateway_port : 0;
    });
    auto started = co_await engine_.call(http::verb::post, "/containers/" + spec.name + "/start");
    if (started.status != 204 && started.status != 304) {
        throw docker::EngineError(started.status, docker::engine_message(started.body));
    }
    note(spec.bot_id, [](Known& k) { k.status = "running"; });
}

asio::awaitable<void> DockerDriver::start(BotLaunch launch) {
    auto spec = co_await make_spec(launch);
    try {
        if (co_await adopt_or_clear(spec)) co_return;
        co_await create_and_start(spec);
    } catch (const docker::EngineError& e) {
        fail_engine_call(e, launch.bot_id, "start");
    }
    log::info("bot container started",
              {log::kv("bot_id", launch.bot_id), log::kv("image", launch.image_tag),
               log::kv("network", spec.network)});
}

asio::awaitable<void> DockerDriver::stop(std::string bot_id, std::chrono::seconds grace) {
    note(bot_id, [](Known& k) { k.expected_dies++; });
    try {
        auto response = co_await engine_.call(
            http::verb::post,
            "/containers/" + container_name(bot_id) + "/stop?t=" + std::to_string(grace.count()),
            "", "application/json", grace + std::chrono::seconds(30));
        // 304: not running, 404: no container; no die event follows either.
        if (response.status == 304 || response.status == 404) {
            note(bot_id, [](Known& k) { k.expected_dies = std::max(0, k.expected_dies - 1); });
        } else if (response.status != 204) {
            throw docker::EngineError(response.status, docker::engine_message(response.body));
        }
    } catch (const docker::EngineError& e) {
        note(bot_id, [](Known& k) { k.expected_dies = std::max(0, k.expected_dies - 1); });
        fail_engine_call(e, bot_id, "stop");
    }
    note(bot_id, [](Known& k) {
        if (k.status != "absent") k.status = "exited";
        k.died_by_itself = false;
    });
}

asio::awaitable<void> DockerDriver::remove(std::string bot_id) {
    note(bot_id, [](Known& k) { k.expected_destroys++; });
    try {
        auto response = co_await engine_.call(http::verb::delete_,
                                              "/containers/" + container_name(bot_id) + "?force=1");
        if (response.status == 404) {
            note(bot_id,
                 [](Known& k) { k.expected_destroys = std::max(0, k.expected_destroys - 1); });
        } else if (response.status != 204) {
            throw docker::EngineError(response.status, docker::engine_message(response.body));
        }
    } catch (const docker::EngineError& e) {
        fail_engine_call(e, bot_id, "remove");
    }
    note(bot_id, [](Known& k) { k.status = "absent"; });
}

asio::awaitable<Json> DockerDriver::list_managed() {
    std::string filters = R"({"label":[")" + std::string(docker::kManagedLabel) + R"(=true"]})";
    try {
        co_return co_await engine_.call_json(
            http::verb::get, "/containers/json?all=1&filters=" + docker::query_escape(filters));
    } catch (const docker::EngineError& e) {
        fail_engine_call(e, "", "list");
    }
}

asio::awaitable<std::optional<std::map<std::string, std::string>>> DockerDriver::observe() {
    auto list = co_await list_managed();
    co_return record_listing(list);
}

asio::awaitable<std::optional<std::map<std::string, std::string>>> DockerDriver::list_states() {
    auto list = co_await list_managed();
    std::map<std::string, std::string> found;
    if (!list.is_array()) co_return found;
    for (const auto& item : list) {
        Json labels = item.value("Labels", Json::object());
        std::string bot_id = labels.is_object() ? labels.value(docker::kBotIdLabel, "") : "";
        if (!bot_id.empty()) found[bot_id] = item.value("State", "unknown");
    }
    co_return found;
}

std::map<std::string, std::string> DockerDriver::record_listing(const Json& list) {
    std::map<std::string, std::string> found;
    if (!list.is_array()) return found;
    std::lock_guard lock(mutex_);
    for (const auto& item : list) {
        Json labels = item.value("Labels", Json::object());
        std::string bot_id = labels.is_object() ? labels.value(docker::kBotIdLabel, "") : "";
        if (bot_id.empty()) continue;
        std::string state = item.value("State", "unknown");
        found[bot_id] = state;
        Known& known = known_[bot_id];
        known.status = state;
        known.container_id = item.value("Id", "");
        for (const auto& port : item.value("Ports", Json::array())) {
            auto inside = port.value("PrivatePort", 0);
            auto outside = static_cast<std::uint16_t>(port.value("PublicPort", 0));
            if (inside == kWebsocketPort && outside) known.websocket_port = outside;
            if (inside == kGatewayPort && outside) known.gateway_port = outside;
        }
    }
    for (auto& [bot_id, known] : known_) {
        if (!found.count(bot_id)) known.status = "absent";
    }
    return found;
}

}  // namespace nbdash::runtime
