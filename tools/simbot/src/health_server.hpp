#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace simbot {

// Serves one request on the gateway port: GET /health -> 200 {"status":"ok"}, anything else
// 404; the connection is closed after the answer (HTTP/1.0 style).
boost::asio::awaitable<void> serve_health(boost::asio::ip::tcp::socket socket);

}  // namespace simbot
