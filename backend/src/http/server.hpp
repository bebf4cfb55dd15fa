// The HTTP listener: accepts connections, reads requests with size limits and timeouts, checks
// the session and CSRF token a route asks for, and dispatches to the router, the static console
// or the WebSocket endpoint.
#pragma once

#include <functional>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "auth/session_store.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace nbdash::http {

// Takes over an upgraded connection for /api/ws; the session has been checked.
using WebSocketAcceptor =
    std::function<void(boost::beast::tcp_stream stream, Request request, auth::Session session)>;

// Resolves an "Authorization: Bearer" token to the session it stands for; nullopt = refused.
using TokenAuthenticator =
    std::function<boost::asio::awaitable<std::optional<auth::Session>>(std::string token)>;

struct ServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t header_limit = 16 * 1024;
    std::size_t target_limit = 8 * 1024;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds idle_timeout{75};
    // Where each accepted connection lives (see IoPool); unset: on the server's io_context.
    std::function<boost::asio::any_io_executor()> connection_executor;
};

class Server {
public:
    Server(boost::asio::io_context& io, ServerOptions options, const Router& router,
           const StaticFiles& static_files, auth::SessionStore& sessions,
           WebSocketAcceptor websocket_acceptor);

    // Binds and starts accepting; throws when the address is taken.
    void start();
    void stop();
    std::uint16_t port() const;
    // Enables API tokens; without it a bearer token is refused.
    void set_token_authenticator(TokenAuthenticator authenticator);

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve_connection(boost::beast::tcp_stream stream);
    boost::asio::awaitable<Response> dispatch(const Request& request, RequestContext& ctx,
                                              const RouteMatch& match);

    boost::asio::io_context& io_;
    ServerOptions options_;
    const Router& router_;
    const StaticFiles& static_files_;
    auth::SessionStore& sessions_;
    WebSocketAcceptor websocket_acceptor_;
    TokenAuthenticator token_authenticator_;
    boost::asio::ip::tcp::acceptor acceptor_;
};

// The value of the session cookie in a Cookie header, or "".
std::string session_cookie(const Request& request);
extern const char* const kSessionCookieName;

}  // namespace nbdash::http
