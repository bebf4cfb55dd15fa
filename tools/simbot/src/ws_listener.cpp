#include "ws_listener.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "http_query.hpp"
#include "ids.hpp"
#include "json_log.hpp"
#include "ws_connection.hpp"

namespace simbot {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

using Request = http::request<http::empty_body>;

constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
// Beast pings after half of this idle time and drops the peer after all of it, close to
// nanobot's pingIntervalS + pingTimeoutS (20 s + 20 s).
constexpr auto kIdleTimeout = std::chrono::seconds(40);
constexpr std::size_t kMaxClientIdChars = 128;

std::uint64_t next_connection_id()
{
    static std::uint64_t counter = 0;
    return ++counter;
}

std::string normalise_request_path(std::string path)
{
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    return path.empty() ? "/" : path;
}

bool client_allowed(const std::vector<std::string>& allow_from, const std::string& client_id)
{
    return std::any_of(allow_from.begin(), allow_from.end(), [&](const std::string& entry) {
        return entry == "*" || entry == client_id;
    });
}

asio::awaitable<void> reject(beast::tcp_stream& stream, const Request& req, http::status status,
                             const std::string& reason)
{
    http::response<http::string_body> res{status, req.version()};
    res.set(http::field::server, "simbot");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(false);
    res.body() = reason + "\n";
    res.prepare_payload();
    co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace

asio::awaitable<void> serve_websocket(AppContext& app, asio::ip::tcp::socket socket)
{
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(kHandshakeTimeout);
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    parser.header_limit(32 * 1024);
    auto [read_ec, read_bytes] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_ec || app.shutting_down) {
        co_return;
    }
    Request req = parser.release();

    const auto& cfg = app.config.websocket;
    const auto target = parse_target(req.target());
    if (!websocket::is_upgrade(req) || normalise_request_path(target.path) != cfg.path) {
        co_await reject(stream, req, http::status::not_found, "not found");
        co_return;
    }
    const auto token_it = target.query.find("token");
    const std::string token = token_it == target.query.end() ? "" : token_it->second;
    if (!cfg.token.empty() && !secrets_equal(token, cfg.token)) {
        log_warn("websocket handshake refused", {{"reason", "bad or missing token"}});
        co_await reject(stream, req, http::status::unauthorized, "unauthorized");
        co_return;
    }
    const auto client_it = target.query.find("client_id");
    std::string client_id = client_it == target.query.end() || client_it->second.empty()
                                ? "anon-" + random_hex(12) : client_it->second;
    client_id = client_id.substr(0, kMaxClientIdChars);
    if (!client_allowed(cfg.allow_from, client_id)) {
        log_warn("websocket handshake refused", {{"reason", "client_id not allowed"},
                                                 {"client_id", client_id}});
        co_await reject(stream, req, http::status::forbidden, "forbidden");
        co_return;
    }

    stream.expires_never();
    WsConnection::Stream ws(std::move(stream));
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = kIdleTimeout;
    ws.set_option(timeouts);
    ws.read_message_max(cfg.max_message_bytes);
    ws.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
        res.set(http::field::server, "simbot");
    }));
    auto [accept_ec] = co_await ws.async_accept(req, asio::as_tuple(asio::use_awaitable));
    if (accept_ec) {
        co_return;
    }
    auto connection = std::make_shared<WsConnection>(std::move(ws), app, client_id,
                                                     next_connection_id());
    co_await connection->run();
}

}  // namespace simbot
