#pragma once

#include <filesystem>

#include <boost/asio/io_context.hpp>

#include "chat_hub.hpp"
#include "ledger.hpp"
#include "sim_config.hpp"

namespace simbot {

// Everything a connection or turn needs, owned by main() and outliving both.
struct AppContext {
    boost::asio::io_context& io;
    SimConfig config;
    ChatHub hub;
    TokenLedger ledger;
    int chunk_delay_ms = 20;  // SIMBOT_CHUNK_DELAY_MS
    bool shutting_down = false;

    std::filesystem::path media_dir() const { return config.data_dir / "media" / "websocket"; }
};

}  // namespace simbot
