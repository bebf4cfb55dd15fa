#pragma once

#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace simbot {

using SocketHandler = std::function<boost::asio::awaitable<void>(boost::asio::ip::tcp::socket)>;

// Opens a listening socket on host:port (numeric host). Throws std::runtime_error naming the
// address when the host is invalid or binding fails.
boost::asio::ip::tcp::acceptor open_acceptor(boost::asio::io_context& io, const std::string& host,
                                             int port);

// Accepts until the acceptor is closed, spawning `handler` for each socket.
boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor& acceptor,
                                         SocketHandler handler);

}  // namespace simbot
