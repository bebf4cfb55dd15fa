#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "app_context.hpp"

namespace simbot {

// Serves one socket on the websocket port: checks path, token and client_id at the HTTP
// upgrade (404 / 401 / 403), answers plain HTTP with 404, else runs a WsConnection.
boost::asio::awaitable<void> serve_websocket(AppContext& app,
                                             boost::asio::ip::tcp::socket socket);

}  // namespace simbot
