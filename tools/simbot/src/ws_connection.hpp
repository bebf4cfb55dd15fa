#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "app_context.hpp"
#include "frame_sink.hpp"

namespace simbot {

// One accepted websocket client: a read loop feeding route_frame and a write loop draining an
// outbox, so turns can queue frames without waiting for the socket. Single io thread.
class WsConnection : public FrameSink, public std::enable_shared_from_this<WsConnection> {
public:
    using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

    WsConnection(Stream ws, AppContext& app, std::string client_id, std::uint64_t id);

    // Sends `ready`, then reads until the client leaves or the server shuts down.
    boost::asio::awaitable<void> run();

    void send_text(std::string frame) override;
    void close() override;
    std::uint64_t sink_id() const override { return id_; }

private:
    boost::asio::awaitable<void> write_loop();
    void handle_inbound(const std::string& text);

    Stream ws_;
    AppContext& app_;
    std::string client_id_;
    std::string default_chat_;
    std::uint64_t id_;
    std::deque<std::string> outbox_;
    boost::asio::steady_timer wake_;  // cancelled to wake the write loop
    bool open_ = true;
    bool closing_ = false;
};

}  // namespace simbot
