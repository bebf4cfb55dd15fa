// Relay benchmark of the dashboard channel: the same simbot gateways are read directly and
// through nbdash in one run, so the two figures share the machine's state.
//
//   direct   one WebSocket per bot straight to its simbot, chat "bench-direct", "!sim stamp"
//   nbdash   one /api/ws browser connection per bot, subscribed to bot:<id>; the message is
//            posted with POST /api/bots/<id>/messages and arrives as chat_delta frames
//
// Every delta simbot sends carries its send time on the steady clock (CLOCK_MONOTONIC, shared
// by all processes of the host), so each reader computes the frame's latency on arrival.
// Throughput is deltas / (last arrival - first arrival) over all bots of a phase. Each phase
// runs flood (deltas as fast as simbot sends them) and paced (interval_us apart, for latency).
// Memory: nbdash's RSS before the bots start and once they are all connected and idle.
//
// Loopback only; every wait is bounded by --timeout-s.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;

namespace {

struct Options {
    std::uint16_t port = 0;
    std::string password;
    std::string data_dir;
    int bots = 100;
    int flood_frames = 2000;
    int paced_frames = 500;
    int paced_interval_us = 20000;
    int nbdash_pid = 0;
    int timeout_s = 120;
    int rounds = 1;
};

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What one phase saw over all its connections.
struct Sample {
    std::mutex mutex;
    std::vector<std::int64_t> latencies_ns;
    std::uint64_t frames = 0;
    // WebSocket messages that carried them: fewer than frames where deltas were joined.
    std::uint64_t messages = 0;
    std::int64_t first_ns = 0;
    std::int64_t last_ns = 0;
    int finished = 0;
    int resyncs = 0;
    int errors = 0;
    std::string first_error;

    void fail(const std::string& what) {
        std::lock_guard lock(mutex);
        if (errors++ == 0) first_error = what;
    }

    void add(const std::vector<std::int64_t>& lat, std::uint64_t received, std::int64_t first,
             std::int64_t last, bool done, int resync) {
        std::lock_guard lock(mutex);
        messages += received;
        latencies_ns.insert(latencies_ns.end(), lat.begin(), lat.end());
        frames += lat.size();
        if (!lat.empty()) {
            first_ns = first_ns == 0 ? first : std::min(first_ns, first);
            last_ns = std::max(last_ns, last);
        }
        finished += done ? 1 : 0;
        resyncs += resync;
    }
};

struct Summary {
    double frames_per_s = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    double max_ms = 0;
    std::uint64_t frames = 0;
    std::uint64_t messages = 0;
    int finished = 0;
    int resyncs = 0;
    int errors = 0;
    std::string first_error;
};

double percentile_ms(std::vector<std::int64_t>& v, double p) {
    if (v.empty()) return 0;
    std::size_t k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return static_cast<double>(v[k]) / 1e6;
}

Summary summarise(Sample& s) {
    Summary out;
    out.frames = s.frames;
    out.messages = s.messages;
    out.finished = s.finished;
    out.resyncs = s.resyncs;
    out.errors = s.errors;
    out.first_error = s.first_error;
    double seconds = static_cast<double>(s.last_ns - s.first_ns) / 1e9;
    out.frames_per_s = seconds > 0 ? static_cast<double>(s.frames) / seconds : 0;
    out.p50_ms = percentile_ms(s.latencies_ns, 0.50);
    out.p99_ms = percentile_ms(s.latencies_ns, 0.99);
    out.max_ms = percentile_ms(s.latencies_ns, 1.0);
    return out;
}

// The send times simbot wrote as the delta's text ("<ns> " each): one per delta, or several
// when a relay joined deltas that were waiting for the same reader into one frame.
void add_stamps(const std::string& text, std::int64_t at, std::vector<std::int64_t>& latencies) {
    std::int64_t value = 0;
    bool any = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            any = true;
        } else if (any) {
            latencies.push_back(at - value);
            value = 0;
            any = false;
        }
    }
    if (any) latencies.push_back(at - value);
}

// ---- plain HTTP for setup and for posting messages ----------------------------------------

struct HttpReply {
    int status = 0;
    std::string body;
    std::string set_cookie;
};

class Api {
public:
    explicit Api(std::uint16_t port) : port_(port) {}

    HttpReply call(http::verb verb, const std::string& target, const std::string& body = "") {
        asio::io_context io;
        beast::tcp_stream stream(io);
        stream.expires_after(std::chrono::seconds(30));
        stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
        http::request<http::string_body> req(verb, target, 11);
        req.set(http::field::host, "127.0.0.1");
        if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
        if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        http::write(stream, req);
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        http::read(stream, buffer, parser);
        HttpReply reply;
        reply.status = static_cast<int>(parser.get().result_int());
        reply.body = parser.get().body();
        reply.set_cookie = std::string(parser.get()[http::field::set_cookie]);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        return reply;
    }

    void login(const std::string& password) {
        auto reply = call(http::verb::post, "/api/auth/login", Json{{"password", password}}.dump());
        if (reply.status != 200) throw std::runtime_error("login failed: " + reply.body);
        csrf_ = Json::parse(reply.body).at("csrf_token").get<std::string>();
        cookie_ = reply.set_cookie.substr(0, reply.set_cookie.find(';'));
    }

    const std::string& cookie() const { return cookie_; }

private:
    std::uint16_t port_;
    std::string cookie_;
    std::string csrf_;
};

// ---- the two kinds of reader ---------------------------------------------------------------

struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
    std::string path;
    std::string token;
};

Endpoint endpoint_of(const std::string& data_dir, const std::string& bot_id) {
    std::ifstream in(data_dir + "/bots/" + bot_id + "/.nanobot/config.json");
    Json config = Json::parse(in);
    const Json& ws = config.at("channels").at("websocket");
    Endpoint e;
    e.host = ws.value("host", "127.0.0.1");
    if (e.host == "0.0.0.0") e.host = "127.0.0.1";
    e.port = static_cast<std::uint16_t>(ws.value("port", 0));
    e.path = ws.value("path", "/");
    e.token = ws.value("token", "");
    return e;
}

std::string percent_encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

constexpr const char* kDirectChat = "bench-direct";

asio::awaitable<void> read_direct(Endpoint endpoint, std::string content, Sample& sample) {
    auto executor = co_await asio::this_coro::executor;
    websocket::stream<beast::tcp_stream> ws(executor);
    std::vector<std::int64_t> latencies;
    std::uint64_t received = 0;
    std::int64_t first = 0, last = 0;
    bool done = false;
    try {
        co_await beast::get_lowest_layer(ws).async_connect(
            tcp::endpoint(asio::ip::make_address(endpoint.host), endpoint.port), asio::use_awaitable);
        beast::get_lowest_layer(ws).expires_never();
        ws.read_message_max(64 * 1024 * 1024);
        // The dashboard's client id: the only one the config nbdash writes lets in (allowFrom).
        std::string target = endpoint.path + "?client_id=dashboard&token=" +
                             percent_encode(endpoint.token);
        std::string host = endpoint.host + ":" + std::to_string(endpoint.port);
        co_await ws.async_handshake(host, target, asio::use_awaitable);
        beast::flat_buffer buffer;
        co_await ws.async_read(buffer, asio::use_awaitable);  // ready
        buffer.consume(buffer.size());
        std::string frame =
            Json{{"type", "message"}, {"chat_id", kDirectChat}, {"content", content}}.dump();
        ws.text(true);
        co_await ws.async_write(asio::buffer(frame), asio::use_awaitable);
        while (!done) {
            co_await ws.async_read(buffer, asio::use_awaitable);
            std::int64_t at = now_ns();
            Json f = Json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
            buffer.consume(buffer.size());
            if (!f.is_object() || f.value("chat_id", "") != kDirectChat) continue;
            std::string event = f.value("event", "");
            if (event == "delta") {
                std::size_t before = latencies.size();
                add_stamps(f.value("text", ""), at, latencies);
                if (latencies.size() == before) continue;
                ++received;
                if (first == 0) first = at;
                last = at;
            } else if (event == "turn_end") {
                done = true;
            }
        }
        beast::error_code ignored;
        beast::get_lowest_layer(ws).socket().close(ignored);
    } catch (const std::exception& e) {
        sample.fail(std::string("direct: ") + e.what());
    }
    sample.add(latencies, received, first, last, done, 0);
}

asio::awaitable<void> read_browser(std::uint16_t port, std::string cookie, std::string bot_id,
                                   Sample& sample, std::atomic<int>& subscribed) {
    auto executor = co_await asio::this_coro::executor;
    websocket::stream<beast::tcp_stream> ws(executor);
    std::vector<std::int64_t> latencies;
    std::uint64_t received = 0;
    std::int64_t first = 0, last = 0;
    bool done = false;
    int resyncs = 0;
    bool counted = false;
    try {
        co_await beast::get_lowest_layer(ws).async_connect(
            tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), asio::use_awaitable);
        beast::get_lowest_layer(ws).expires_never();
        ws.read_message_max(64 * 1024 * 1024);
        ws.set_option(websocket::stream_base::decorator([cookie](websocket::request_type& req) {
            req.set(http::field::cookie, cookie);
        }));
        co_await ws.async_handshake("127.0.0.1:" + std::to_string(port), "/api/ws",
                                    asio::use_awaitable);
        ws.text(true);
        std::string subscribe = Json{{"type", "subscribe"}, {"topic", "bot:" + bot_id}}.dump();
        co_await ws.async_write(asio::buffer(subscribe), asio::use_awaitable);
        std::string ping = Json{{"type", "ping"}}.dump();
        co_await ws.async_write(asio::buffer(ping), asio::use_awaitable);
        beast::flat_buffer buffer;
        while (!done) {
            co_await ws.async_read(buffer, asio::use_awaitable);
            std::int64_t at = now_ns();
            Json f = Json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
            buffer.consume(buffer.size());
            if (!f.is_object()) continue;
            std::string type = f.value("type", "");
            if (type == "pong" && !counted) {
                counted = true;
                ++subscribed;
            } else if (type == "chat_delta") {
                std::size_t before = latencies.size();
                add_stamps(f.value("text", ""), at, latencies);
                if (latencies.size() == before) continue;
                ++received;
                if (first == 0) first = at;
                last = at;
            } else if (type == "resync") {
                ++resyncs;
            } else if (type == "turn_end") {
                done = true;
            }
        }
        beast::error_code ignored;
        beast::get_lowest_layer(ws).socket().close(ignored);
    } catch (const std::exception& e) {
        sample.fail(std::string("nbdash: ") + e.what());
        if (!counted) ++subscribed;  // do not hold the phase up
    }
    sample.add(latencies, received, first, last, done, resyncs);
}

// Runs the readers on their own thread until all finish or the timeout passes.
void run_io(asio::io_context& io, int timeout_s) {
    io.run_for(std::chrono::seconds(timeout_s));
    io.stop();
}

Summary phase_direct(const Options& opt, const std::vector<std::string>& ids,
                     const std::string& content) {
    Sample sample;
    asio::io_context io;
    for (const auto& id : ids) {
        asio::co_spawn(io, read_direct(endpoint_of(opt.data_dir, id), content, sample),
                       asio::detached);
    }
    run_io(io, opt.timeout_s);
    return summarise(sample);
}

Summary phase_nbdash(const Options& opt, Api& api, const std::vector<std::string>& ids,
                     const std::string& content) {
    Sample sample;
    asio::io_context io;
    std::atomic<int> subscribed{0};
    for (const auto& id : ids) {
        asio::co_spawn(io, read_browser(opt.port, api.cookie(), id, sample, subscribed),
                       asio::detached);
    }
    std::thread reader([&] { run_io(io, opt.timeout_s); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.timeout_s);
    while (subscribed.load() < static_cast<int>(ids.size()) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // All bots are asked at once, as the direct phase does: one thread per bot, so no bot waits
    // for the others' requests to be recorded before its own is sent.
    std::string body = Json{{"text", content}}.dump();
    std::vector<std::thread> senders;
    senders.reserve(ids.size());
    for (const auto& id : ids) {
        senders.emplace_back([&api, &sample, &body, id] {
            try {
                auto reply = api.call(http::verb::post, "/api/bots/" + id + "/messages", body);
                if (reply.status != 202) {
                    sample.fail("send to " + id + ": HTTP " + std::to_string(reply.status));
                }
            } catch (const std::exception& e) {
                sample.fail("send to " + id + ": " + e.what());
            }
        });
    }
    for (auto& sender : senders) sender.join();
    reader.join();
    return summarise(sample);
}

std::int64_t rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
    }
    return -1;
}

bool all_ready(Api& api, const std::vector<std::string>& ids) {
    auto reply = api.call(http::verb::get, "/api/bots");
    Json list = Json::parse(reply.body, nullptr, false);
    if (list.is_object() && list.contains("bots")) list = list["bots"];
    if (!list.is_array()) return false;
    std::map<std::string, std::string> state;
    for (const auto& bot : list) state[bot.value("id", "")] = bot.value("current_state", "");
    for (const auto& id : ids) {
        if (state[id] != "ready") return false;
    }
    return true;
}

void print(const char* name, const Summary& s) {
    std::printf("  %-15s %10.0f frames/s  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms  "
                "frames %8llu  in %8llu msgs  finished %3d  resyncs %d  errors %d\n",
                name, s.frames_per_s, s.p50_ms, s.p99_ms, s.max_ms,
                static_cast<unsigned long long>(s.frames),
                static_cast<unsigned long long>(s.messages), s.finished, s.resyncs, s.errors);
    if (s.errors > 0) std::printf("    first error: %s\n", s.first_error.c_str());
}

Options parse_options(int argc, char** argv) {
    Options opt;
    std::map<std::string, std::string> args;
    for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
    auto get = [&](const char* key, int fallback) {
        return args.count(key) ? std::stoi(args[key]) : fallback;
    };
    opt.port = static_cast<std::uint16_t>(get("--port", 0));
    opt.password = args["--password"];
    opt.data_dir = args["--data-dir"];
    opt.bots = std::clamp(get("--bots", 100), 1, 1000);
    opt.flood_frames = std::clamp(get("--flood-frames", 2000), 1, 100000);
    opt.paced_frames = std::clamp(get("--paced-frames", 500), 1, 100000);
    opt.paced_interval_us = std::clamp(get("--paced-interval-us", 20000), 0, 1000000);
    opt.nbdash_pid = get("--nbdash-pid", 0);
    opt.timeout_s = std::clamp(get("--timeout-s", 120), 1, 1800);
    opt.rounds = std::clamp(get("--rounds", 1), 1, 10);
    if (opt.port == 0 || opt.password.empty() || opt.data_dir.empty()) {
        throw std::runtime_error(
            "usage: relay_bench --port P --password PW --data-dir DIR [--bots 100] "
            "[--flood-frames 2000] [--paced-frames 500] [--paced-interval-us 20000] "
            "[--nbdash-pid PID] [--rounds 1] [--timeout-s 120]");
    }
    return opt;
}

}  // namespace

int main(int argc, char** argv) try {
    // Line by line, so a log being followed (or a profiler started by phase) sees each phase.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Options opt = parse_options(argc, argv);
    Api api(opt.port);
    api.login(opt.password);

    std::vector<std::string> ids;
    for (int i = 0; i < opt.bots; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "bench%03d", i);
        ids.push_back(id);
    }
    std::int64_t rss_before = opt.nbdash_pid ? rss_kib(opt.nbdash_pid) : -1;
    for (const auto& id : ids) {
        auto created = api.call(http::verb::post, "/api/bots", Json{{"id", id}, {"name", id}}.dump());
        if (created.status != 201 && created.status != 200) {
            throw std::runtime_error("create " + id + ": " + created.body);
        }
        auto started = api.call(http::verb::post, "/api/bots/" + id + "/start");
        if (started.status != 202 && started.status != 200) throw std::runtime_error("start " + id + ": " + started.body);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.timeout_s);
    while (!all_ready(api, ids)) {
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("bots not ready");
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    // Let start-up allocations settle before reading the idle figure.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    std::int64_t rss_idle = opt.nbdash_pid ? rss_kib(opt.nbdash_pid) : -1;

    std::printf("relay benchmark: %d bots, flood %d deltas/bot, paced %d deltas/bot every %d us\n",
                opt.bots, opt.flood_frames, opt.paced_frames, opt.paced_interval_us);
    std::string flood = "!sim stamp " + std::to_string(opt.flood_frames);
    std::string paced = "!sim stamp " + std::to_string(opt.paced_frames) + " " +
                        std::to_string(opt.paced_interval_us);
    // The paced rate all bots together ask for; a direct path that falls short of it is
    // saturated, and its latency is queueing, not a baseline to compare nbdash with.
    double paced_target = opt.paced_interval_us > 0
                              ? opt.bots * 1e6 / static_cast<double>(opt.paced_interval_us)
                              : 0;
    std::vector<double> ratios, added_p99, added_p50;
    int saturated = 0;
    for (int round = 1; round <= opt.rounds; ++round) {
        std::printf("round %d\n", round);
        Summary direct_flood = phase_direct(opt, ids, flood);
        print("direct flood", direct_flood);
        Summary relay_flood = phase_nbdash(opt, api, ids, flood);
        print("nbdash flood", relay_flood);
        Summary direct_paced = phase_direct(opt, ids, paced);
        print("direct paced", direct_paced);
        Summary relay_paced = phase_nbdash(opt, api, ids, paced);
        print("nbdash paced", relay_paced);
        ratios.push_back(direct_flood.frames_per_s > 0
                             ? relay_flood.frames_per_s / direct_flood.frames_per_s
                             : 0);
        added_p99.push_back(relay_paced.p99_ms - direct_paced.p99_ms);
        added_p50.push_back(relay_paced.p50_ms - direct_paced.p50_ms);
        if (paced_target > 0 && direct_paced.frames_per_s < 0.9 * paced_target) ++saturated;
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    double ratio = median(ratios);
    double added = median(added_p99);
    std::printf("result (median of %d rounds)\n", opt.rounds);
    std::printf("  throughput ratio nbdash/direct   %.2fx   (goal >= 0.80x)  %s\n", ratio,
                ratio >= 0.8 ? "met" : "MISSED");
    std::printf("  added p50 latency (paced)        %.3f ms\n", median(added_p50));
    if (saturated > 0) {
        std::printf("  added p99 latency (paced)        not measured: in %d round(s) the direct "
                    "path fell below 90%% of the paced %.0f frames/s (raise "
                    "BENCH_PACED_INTERVAL_US)\n",
                    saturated, paced_target);
    } else {
        std::printf("  added p99 latency (paced)        %.3f ms (goal <= 2 ms)   %s\n", added,
                    added <= 2.0 ? "met" : "MISSED");
    }
    if (rss_before > 0 && rss_idle > 0) {
        double per_bot = static_cast<double>(rss_idle - rss_before) / opt.bots;
        std::printf("  nbdash RSS: %lld KiB before, %lld KiB with %d idle connected bots\n",
                    static_cast<long long>(rss_before), static_cast<long long>(rss_idle), opt.bots);
        std::printf("  memory per idle bot connection   %.1f KiB (goal <= 64 KiB)  %s\n", per_bot,
                    per_bot <= 64 ? "met" : "MISSED");
    }
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "relay_bench: %s\n", e.what());
    return 1;
}
