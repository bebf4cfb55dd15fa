// simbot: answers like a nanobot gateway (websocket channel + /health) without any model.
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app_context.hpp"
#include "cli_args.hpp"
#include "health_server.hpp"
#include "json_log.hpp"
#include "sim_config.hpp"
#include "tcp_accept.hpp"
#include "ws_listener.hpp"

namespace asio = boost::asio;

namespace {

constexpr int kDefaultChunkDelayMs = 20;
constexpr int kMaxChunkDelayMs = 60000;
constexpr auto kShutdownGrace = std::chrono::milliseconds(300);

int chunk_delay_from_env()
{
    const char* raw = std::getenv("SIMBOT_CHUNK_DELAY_MS");
    if (raw == nullptr || *raw == '\0') {
        return kDefaultChunkDelayMs;
    }
    int value = -1;
    const std::string text(raw);
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < 0) {
        simbot::log_warn("ignoring invalid SIMBOT_CHUNK_DELAY_MS", {{"value", text}});
        return kDefaultChunkDelayMs;
    }
    return std::min(value, kMaxChunkDelayMs);
}

// Startup line: ports and switches only; token presence is reported as a boolean.
void log_startup(const simbot::SimConfig& cfg, int ws_port, int gateway_port, int delay_ms)
{
    simbot::log_info("simbot started", {
        {"version", simbot::kVersionLine},
        {"config", cfg.config_path.string()},
        {"config_found", cfg.from_file},
        {"data_dir", cfg.data_dir.string()},
        {"workspace", cfg.agent.workspace.string()},
        {"model", cfg.agent.model},
        {"gateway", {{"host", cfg.gateway.host}, {"port", gateway_port}}},
        {"websocket", {{"enabled", cfg.websocket.enabled}, {"host", cfg.websocket.host},
                       {"port", ws_port}, {"path", cfg.websocket.path},
                       {"streaming", cfg.websocket.streaming},
                       {"token_required", !cfg.websocket.token.empty()}}},
        {"chunk_delay_ms", delay_ms},
    });
}

int run(simbot::SimConfig config)
{
    asio::io_context io{1};
    const std::filesystem::path ledger_path = config.data_dir / "webui" / "token-usage.json";
    simbot::AppContext app{io, std::move(config), {}, simbot::TokenLedger(ledger_path)};
    app.chunk_delay_ms = chunk_delay_from_env();
    const auto& cfg = app.config;

    auto gateway = simbot::open_acceptor(io, cfg.gateway.host, cfg.gateway.port);
    std::optional<asio::ip::tcp::acceptor> websocket;
    if (cfg.websocket.enabled) {
        websocket.emplace(simbot::open_acceptor(io, cfg.websocket.host, cfg.websocket.port));
    }

    asio::co_spawn(io, simbot::accept_loop(gateway, [](asio::ip::tcp::socket s) {
        return simbot::serve_health(std::move(s));
    }), asio::detached);
    if (websocket) {
        asio::co_spawn(io, simbot::accept_loop(*websocket, [&app](asio::ip::tcp::socket s) {
            return simbot::serve_websocket(app, std::move(s));
        }), asio::detached);
    }
    log_startup(cfg, websocket ? websocket->local_endpoint().port() : 0,
                gateway.local_endpoint().port(), app.chunk_delay_ms);

    asio::signal_set signals(io, SIGINT, SIGTERM);
    asio::steady_timer grace(io);
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
        if (ec) {
            return;
        }
        simbot::log_info("shutting down", {{"signal", signo},
                                           {"connections", app.hub.connection_count()}});
        app.shutting_down = true;
        boost::system::error_code ignored;
        gateway.close(ignored);
        if (websocket) {
            websocket->close(ignored);
        }
        app.hub.close_all();
        // Close frames get a short grace; running turns are abandoned, as on a real restart.
        grace.expires_after(kShutdownGrace);
        grace.async_wait([&io](const boost::system::error_code&) { io.stop(); });
    });

    io.run();
    simbot::log_info("simbot stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    const auto parsed = simbot::parse_cli_args(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.args) {
        std::cerr << "error: " << parsed.error << "\n" << simbot::usage_text();
        return 2;
    }
    const auto& args = *parsed.args;
    if (args.show_version) {
        std::cout << simbot::kVersionLine << std::endl;
        return 0;
    }
    if (args.show_help) {
        std::cout << simbot::usage_text();
        return 0;
    }

    const auto env = simbot::process_env();
    auto loaded = simbot::load_config(args.config_path, env);
    if (!loaded.config) {
        simbot::log_error("invalid configuration", {{"error", loaded.error}});
        std::cerr << "error: " << loaded.error << std::endl;
        return 1;
    }
    if (args.gateway_port) {
        loaded.config->gateway.port = *args.gateway_port;
    }
    if (args.workspace) {
        loaded.config->agent.workspace = simbot::expand_home(*args.workspace, env);
    }

    try {
        return run(std::move(*loaded.config));
    } catch (const std::exception& e) {
        simbot::log_error("startup failed", {{"error", e.what()}});
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
}
