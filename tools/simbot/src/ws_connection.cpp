#include "ws_connection.hpp"

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "ids.hpp"
#include "inbound_router.hpp"
#include "json_log.hpp"
#include "server_frames.hpp"
#include "utf8.hpp"

namespace simbot {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// A read buffer grown by one big frame is given back, so idle connections stay small.
constexpr std::size_t kIdleBufferBytes = 64 * 1024;

}  // namespace

WsConnection::WsConnection(Stream ws, AppContext& app, std::string client_id, std::uint64_t id)
    : ws_(std::move(ws)), app_(app), client_id_(std::move(client_id)), id_(id),
      wake_(ws_.get_executor())
{
}

asio::awaitable<void> WsConnection::run()
{
    auto self = shared_from_this();
    default_chat_ = make_uuid_v4();
    app_.hub.add_connection(self);
    app_.hub.subscribe(default_chat_, self);
    log_info("websocket connected", {{"connection_id", id_}, {"client_id", client_id_},
                                     {"chat_id", default_chat_}});
    send_text(to_wire(ready_frame(default_chat_, client_id_)));
    asio::co_spawn(ws_.get_executor(), [self]() { return self->write_loop(); }, asio::detached);

    beast::flat_buffer buffer;
    while (open_) {
        auto [ec, bytes] = co_await ws_.async_read(buffer, asio::as_tuple(asio::use_awaitable));
        if (ec) {
            break;
        }
        const std::string text = beast::buffers_to_string(buffer.data());
        buffer.consume(buffer.size());
        if (buffer.capacity() > kIdleBufferBytes) {
            buffer.shrink_to_fit();
        }
        // Binary frames count only when they are UTF-8 text, as in nanobot.
        if (ws_.got_text() || is_valid_utf8(text)) {
            handle_inbound(text);
        }
    }

    open_ = false;
    outbox_.clear();
    wake_.cancel();
    app_.hub.remove_connection(id_);
    log_info("websocket disconnected", {{"connection_id", id_}, {"client_id", client_id_}});
}

void WsConnection::handle_inbound(const std::string& text)
{
    try {
        route_frame(app_, shared_from_this(), default_chat_, text);
    } catch (const std::exception& e) {
        // A bug in one frame's handling must not take the server down.
        log_error("frame handling failed", {{"connection_id", id_}, {"error", e.what()}});
        send_text(to_wire(error_frame("internal error")));
    }
}

void WsConnection::send_text(std::string frame)
{
    if (!open_ || closing_) {
        return;
    }
    outbox_.push_back(std::move(frame));
    wake_.cancel();
}

void WsConnection::close()
{
    closing_ = true;
    wake_.cancel();
}

asio::awaitable<void> WsConnection::write_loop()
{
    auto self = shared_from_this();
    ws_.text(true);
    while (open_) {
        if (outbox_.empty()) {
            if (closing_) {
                co_await ws_.async_close(websocket::close_code::going_away,
                                         asio::as_tuple(asio::use_awaitable));
                break;
            }
            wake_.expires_at(std::chrono::steady_clock::time_point::max());
            co_await wake_.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        const std::string frame = std::move(outbox_.front());
        outbox_.pop_front();
        auto [ec, bytes] =
            co_await ws_.async_write(asio::buffer(frame), asio::as_tuple(asio::use_awaitable));
        if (ec) {
            open_ = false;
            outbox_.clear();
            beast::get_lowest_layer(ws_).close();
            break;
        }
    }
}

}  // namespace simbot
