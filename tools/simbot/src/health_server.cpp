#include "health_server.hpp"

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace simbot {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

asio::awaitable<void> serve_health(asio::ip::tcp::socket socket)
{
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(10));
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    parser.header_limit(16 * 1024);
    auto [read_ec, read_bytes] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_ec) {
        co_return;
    }

    const auto& req = parser.get();
    const auto target = req.target();
    const auto path = target.substr(0, target.find('?'));
    const bool ok = path == "/health" &&
                    (req.method() == http::verb::get || req.method() == http::verb::head);
    http::response<http::string_body> res{ok ? http::status::ok : http::status::not_found,
                                          req.version()};
    res.set(http::field::server, "simbot");
    res.set(http::field::content_type, "application/json");
    res.keep_alive(false);
    res.body() = ok ? R"({"status":"ok"})" : R"({"error":"not found"})";
    res.prepare_payload();
    co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));

    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace simbot
