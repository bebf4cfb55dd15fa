// The DockerDriver's reads of what a container does: its output (the logs endpoint, tail and
// follow, demultiplexed) and its resource use (the stats endpoint).
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "docker/log_demux.hpp"
#include "runtime/docker_driver.hpp"

namespace nbdash::runtime {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

constexpr std::size_t kStatsConcurrency = 4;

// Turns the multiplexed stream into lines, whatever the frame and chunk boundaries.
class LineDecoder {
public:
    explicit LineDecoder(LogSink sink) : sink_(std::move(sink)) {}

    void feed(std::string_view piece) {
        if (raw_) {
            emit("stdout", piece);
            return;
        }
        bool ok = demux_.feed(piece, [this](docker::LogStream stream, std::string_view payload) {
            emit(stream == docker::LogStream::kStderr ? "stderr" : "stdout", payload);
        });
        // A container with a TTY sends its output as is, without frame headers.
        if (!ok && !seen_frame_) {
            raw_ = true;
            emit("stdout", piece);
        }
    }

    // Passes on what follows the last newline of each stream.
    void finish() {
        for (auto& [stream, partial] : partial_) {
            if (!partial.empty()) sink_(parse_timestamped(stream, partial));
            partial.clear();
        }
    }

private:
    void emit(const std::string& stream, std::string_view payload) {
        seen_frame_ = true;
        split_lines(partial_[stream], payload,
                    [&](std::string_view line) { sink_(parse_timestamped(stream, line)); });
    }

    LogSink sink_;
    docker::LogDemux demux_;
    std::map<std::string, std::string> partial_;
    bool raw_ = false;
    bool seen_frame_ = false;
};

std::string logs_target(const std::string& bot_id, const std::string& options) {
    return "/containers/" + container_name(bot_id) + "/logs?stdout=1&stderr=1&timestamps=1&" +
           options;
}

std::uint64_t number(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return 0;
    return object[key].get<std::uint64_t>();
}

}  // namespace

asio::awaitable<std::vector<LogLine>> DockerDriver::logs(std::string bot_id, int tail) {
    docker::EngineResponse response;
    try {
        response = co_await engine_.call(http::verb::get,
                                         logs_target(bot_id, "tail=" + std::to_string(tail)));
    } catch (const docker::EngineError& e) {
        fail_engine_call(e, bot_id, "read the logs of");
    }
    std::vector<LogLine> lines;
    if (response.status == 404) co_return lines;  // never started, or removed
    if (response.status != 200) {
        fail_engine_call(docker::EngineError(response.status, docker::engine_message(response.body)),
                         bot_id, "read the logs of");
    }
    LineDecoder decoder([&lines](LogLine line) { lines.push_back(std::move(line)); });
    decoder.feed(response.body);
    decoder.finish();
    if (lines.size() > static_cast<std::size_t>(tail)) {
        lines.erase(lines.begin(), lines.end() - tail);
    }
    co_return lines;
}

asio::awaitable<void> DockerDriver::follow_logs(std::string bot_id,
                                                std::shared_ptr<StopSignal> stop, LogSink sink) {
    asio::steady_timer pause(co_await asio::this_coro::executor);
    auto wait = std::chrono::milliseconds(500);
    // The first stream starts with new lines only; a stream opened again (the container
    // stopped, or the daemon went away) starts where the last one ended, to the second.
    std::string options = "follow=1&tail=0";
    while (!stop->stopped()) {
        auto opened = std::chrono::system_clock::now();
        LineDecoder decoder(sink);
        docker::BodySink feed = [&decoder](std::string_view piece) { decoder.feed(piece); };
        const std::string target = logs_target(bot_id, options);
        const auto no_idle_limit = std::chrono::milliseconds(0);
        int status = 0;
        try {
            status = co_await engine_.stream(http::verb::get, target, "", "", feed, no_idle_limit,
                                             nullptr, stop);
            decoder.finish();
        } catch (const docker::EngineError& e) {
            log::warn("following a bot's logs broke",
                      {log::kv("bot_id", bot_id), log::kv("error", e.what())});
        }
        if (stop->stopped()) break;
        if (status == 200 && std::chrono::system_clock::now() - opened > std::chrono::seconds(5)) {
            wait = std::chrono::milliseconds(500);
        }
        auto since = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
        options = "follow=1&since=" + std::to_string(since);
        pause.expires_after(wait);
        co_await pause.async_wait(asio::use_awaitable);
        wait = std::min<std::chrono::milliseconds>(wait * 2, std::chrono::seconds(5));
    }
}

asio::awaitable<std::optional<Usage>> DockerDriver::read_usage(std::string bot_id) {
    Json stats;
    try {
        stats = co_await engine_.call_json(
            http::verb::get,
            "/containers/" + container_name(bot_id) + "/stats?stream=0&one-shot=1",
            "", std::chrono::seconds(10));
    } catch (const docker::EngineError& e) {
        log::debug("reading a container's stats failed",
                   {log::kv("bot_id", bot_id), log::kv("error", e.what())});
        co_return std::nullopt;
    }
    Json cpu = stats.value("cpu_stats", Json::object());
    Json memory = stats.value("memory_stats", Json::object());
    std::uint64_t system_ns = number(cpu, "system_cpu_usage");
    std::uint64_t cpus = number(cpu, "online_cpus");
    if (system_ns == 0 || cpus == 0 || !memory.contains("usage")) co_return std::nullopt;
    Usage usage;
    usage.cpu_ns = number(cpu.value("cpu_usage", Json::object()), "total_usage");
    // The host's CPU time over its CPUs advances with wall time, on the daemon's own clock.
    usage.clock_ns = system_ns / cpus;
    // What `docker stats` shows: usage without the page cache that could be dropped.
    Json detail = memory.value("stats", Json::object());
    std::uint64_t cache = number(detail, "inactive_file");                 // cgroup v2
    if (cache == 0) cache = number(detail, "total_inactive_file");         // cgroup v1
    std::uint64_t used = number(memory, "usage");
    usage.memory_bytes = static_cast<std::int64_t>(used > cache ? used - cache : used);
    std::uint64_t limit = number(memory, "limit");
    if (limit > 0) usage.memory_limit_bytes = static_cast<std::int64_t>(limit);
    co_return usage;
}

asio::awaitable<std::map<std::string, Usage>> DockerDriver::usage(
    std::vector<std::string> bot_ids) {
    using namespace asio::experimental::awaitable_operators;
    std::map<std::string, Usage> results;
    auto read = [this, &bot_ids](std::size_t i) -> asio::awaitable<std::optional<Usage>> {
        if (i >= bot_ids.size()) co_return std::nullopt;
        co_return co_await read_usage(bot_ids[i]);
    };
    // Four at a time, so a large fleet never opens a connection per bot at once.
    static_assert(kStatsConcurrency == 4);
    for (std::size_t i = 0; i < bot_ids.size(); i += kStatsConcurrency) {
        auto batch = co_await (read(i) && read(i + 1) && read(i + 2) && read(i + 3));
        auto keep = [&](std::size_t at, const std::optional<Usage>& usage) {
            if (usage) results[bot_ids[at]] = *usage;
        };
        keep(i, std::get<0>(batch));
        keep(i + 1, std::get<1>(batch));
        keep(i + 2, std::get<2>(batch));
        keep(i + 3, std::get<3>(batch));
    }
    co_return results;
}

}  // namespace nbdash::runtime
