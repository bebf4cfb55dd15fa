#include "tcp_accept.hpp"

#include <chrono>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "host_address.hpp"
#include "json_log.hpp"

namespace simbot {

namespace asio = boost::asio;
using asio::ip::tcp;

tcp::acceptor open_acceptor(asio::io_context& io, const std::string& host, int port)
{
    const auto address = parse_host(host);
    if (!address) {
        throw std::runtime_error("not a numeric address: " + host);
    }
    const tcp::endpoint endpoint(*address, static_cast<unsigned short>(port));
    tcp::acceptor acceptor(io);
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec && address->is_v6()) {
        acceptor.set_option(asio::ip::v6_only(false), ec);
    }
    if (!ec) {
        acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 ec.message());
    }
    return acceptor;
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, SocketHandler handler)
{
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer backoff(executor);
    while (acceptor.is_open()) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            break;
        }
        if (ec) {
            // E.g. out of file descriptors: wait briefly instead of spinning.
            log_warn("accept failed", {{"error", ec.message()}});
            backoff.expires_after(std::chrono::milliseconds(100));
            co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        // As nanobot's asyncio server does: every frame leaves at once, none waits behind
        // Nagle's algorithm for the reader's delayed ACK.
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        asio::co_spawn(executor, handler(std::move(socket)), asio::detached);
    }
}

}  // namespace simbot
