// Runs each bot in its own Docker container, nanobot-<id>, through the Engine API: created from
// the bot's image with its quota, the bot's .nanobot folder mounted at the image's data path,
// every capability dropped but those the image names, no-new-privileges and a bounded
// restart policy. The Engine's event stream keeps the state known here true.
#pragma once

#include <map>
#include <mutex>

#include <boost/asio/io_context.hpp>

#include "common/blocking_pool.hpp"
#include "docker/container_spec.hpp"
#include "docker/engine_client.hpp"
#include "docker/image_service.hpp"
#include "runtime/runtime_driver.hpp"
#include "settings/settings.hpp"

namespace nbdash::runtime {

struct DockerOptions {
    std::string network = "bridge";  // "bridge" or "host" (NBDASH_BOT_NETWORK)
    int restart_max = 3;
};

// The network named by NBDASH_BOT_NETWORK, else by the setting; throws std::invalid_argument
// naming the key when it is neither bridge nor host.
std::string bot_network(const Settings& settings);

class DockerDriver : public RuntimeDriver {
public:
    DockerDriver(boost::asio::io_context& io, BlockingPool& blocking, workspace::BotFiles& files,
                 docker::EngineClient& engine, docker::ImageService& images, Settings& settings,
                 DockerOptions options);

    const char* name() const override { return "docker"; }
    // Creates (or re-creates when the image, quota or environment changed) and starts the
    // container; adopts one already running with the same spec. Throws ApiError.
    boost::asio::awaitable<void> start(BotLaunch launch) override;
    boost::asio::awaitable<void> stop(std::string bot_id, std::chrono::seconds grace) override;
    boost::asio::awaitable<void> remove(std::string bot_id) override;
    std::string status(const std::string& bot_id) override;
    void dial_address(const std::string& bot_id, workspace::ChannelEndpoint& endpoint) override;
    // One list call for the whole fleet. Throws Unavailable when the daemon is unreachable.
    boost::asio::awaitable<std::optional<std::map<std::string, std::string>>> observe() override;

    // One list call; the driver's own view is left as it is (the event stream keeps it).
    boost::asio::awaitable<std::optional<std::map<std::string, std::string>>> list_states()
        override;
    // One stats call per container (stream=0, one-shot), at most a few at a time.
    boost::asio::awaitable<std::map<std::string, Usage>> usage(
        std::vector<std::string> bot_ids) override;
    // The container's logs endpoint, its multiplexed stream demultiplexed.
    boost::asio::awaitable<std::vector<LogLine>> logs(std::string bot_id, int tail) override;
    // One followed logs stream, opened again (after a pause) when the container stops and
    // starts, until stop is signalled.
    boost::asio::awaitable<void> follow_logs(std::string bot_id,
                                             std::shared_ptr<StopSignal> stop,
                                             LogSink sink) override;

    // Follows the Engine's event stream until the I/O context stops, reconnecting after a
    // pause when the daemon goes away (reported as a StateReport with an empty bot id).
    void follow_events();

private:
    // What is known of one bot's container; guarded by mutex_.
    struct Known {
        std::string status = "absent";
        std::string container_id;    // events of older containers under the name are stale
        int expected_dies = 0;       // stops and kills the dashboard asked for
        int expected_destroys = 0;   // removals the dashboard asked for
        bool died_by_itself = false;  // so the policy's restart is reported
        std::uint16_t websocket_port = 0;  // host side, bridge network only
        std::uint16_t gateway_port = 0;
    };

    boost::asio::awaitable<docker::ContainerSpec> make_spec(const BotLaunch& launch);
    boost::asio::awaitable<bool> adopt_or_clear(const docker::ContainerSpec& spec);
    boost::asio::awaitable<void> create_and_start(docker::ContainerSpec spec);
    boost::asio::awaitable<void> event_loop();
    void handle_event(const Json& event);
    void report_changes(const std::map<std::string, std::string>& before,
                        const std::map<std::string, std::string>& after, const std::string& why);
    std::map<std::string, std::string> known_statuses();
    void note(const std::string& bot_id, const std::function<void(Known&)>& change);
    std::map<std::string, std::string> record_listing(const Json& list);
    boost::asio::awaitable<Json> list_managed();
    boost::asio::awaitable<std::optional<Usage>> read_usage(std::string bot_id);

    boost::asio::io_context& io_;
    BlockingPool& blocking_;
    workspace::BotFiles& files_;
    docker::EngineClient& engine_;
    docker::ImageService& images_;
    Settings& settings_;
    DockerOptions options_;
    std::mutex mutex_;
    std::map<std::string, Known> known_;
    bool reachable_ = true;  // false while the event stream cannot reach the daemon
};

// nanobot-<id>
std::string container_name(const std::string& bot_id);

// Throws the ApiError an Engine failure becomes (503 docker_unreachable or runtime_failed);
// Docker's own text goes to the log only.
[[noreturn]] void fail_engine_call(const docker::EngineError& e, const std::string& bot_id,
                                   const char* what);

}  // namespace nbdash::runtime
