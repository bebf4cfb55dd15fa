#include "http/server.hpp"

#include <array>
#include <atomic>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>

#include "common/byte_size.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"

namespace nbdash::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using asio::use_awaitable;

const char* const kSessionCookieName = "nbdash_session";

namespace {

constexpr auto kTuple = asio::as_tuple(use_awaitable);

std::atomic<std::uint64_t> g_request_counter{0};

bool is_write(Verb verb) {
    return verb == Verb::post || verb == Verb::put || verb == Verb::patch || verb == Verb::delete_;
}

std::string next_request_id() {
    return fmt::format("r{:x}", ++g_request_counter);
}

// Checks the route's access rule; throws ApiError when the caller may not proceed.
void authorize(const Route& route, const RequestContext& ctx) {
    if (route.access == Access::kPublic) return;
    if (!ctx.session) throw ApiError(401, "unauthenticated", "sign in first");
    if (ctx.session->role == auth::Role::kShare) {
        auto bot = ctx.params.find("id");
        bool own_bot = bot != ctx.params.end() && bot->second == ctx.session->bot_id;
        if (route.access != Access::kAdminOrShare || !own_bot) {
            throw ApiError(403, "forbidden", "this session may only chat with its shared bot");
        }
    }
    // A bearer token is not sent by browsers on their own, so it needs no CSRF token.
    if (is_write(ctx.request.method()) && !ctx.session->via_api_token) {
        auto header = ctx.request["X-CSRF-Token"];
        if (header.empty() || !secrets_equal(header, ctx.session->csrf_token)) {
            throw ApiError(403, "csrf_required", "missing or wrong X-CSRF-Token header");
        }
    }
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy the error
// response before the client reads it. Stop sending, then discard what the client is still
// sending, bounded in bytes and time.
asio::awaitable<void> drain_before_close(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16 * 1024> sink{};
    std::size_t drained = 0;
    while (drained < 4 * 1024 * 1024) {
        auto [ec, bytes] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
        if (ec) break;
        drained += bytes;
    }
}

// Browsers send cookies with a WebSocket handshake from any page, and SameSite does not tell
// ports of one host apart, so the Origin must name this very host. Clients that are not
// browsers send no Origin.
bool same_origin(const Request& request) {
    auto origin = request[beast_http::field::origin];
    if (origin.empty()) return true;
    auto host = request[beast_http::field::host];
    std::string_view value(origin.data(), origin.size());
    for (std::string_view scheme : {"http://", "https://"}) {
        if (value.starts_with(scheme)) {
            return value.substr(scheme.size()) == std::string_view(host.data(), host.size());
        }
    }
    return false;
}

// The token of an "Authorization: Bearer <token>" header, or nullopt without one.
std::optional<std::string> bearer_token(const Request& request) {
    auto header = request[beast_http::field::authorization];
    std::string_view value(header.data(), header.size());
    constexpr std::string_view kScheme = "Bearer ";
    if (value.size() < kScheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(value[i])) !=
            std::tolower(static_cast<unsigned char>(kScheme[i]))) {
            return std::nullopt;
        }
    }
    value.remove_prefix(kScheme.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return std::string(value);
}

// A HEAD answer: the GET answer's header, its length, no body.
void strip_body_for_head(Response& response) {
    auto size = response.body().size();
    response.body().clear();
    response.content_length(static_cast<std::uint64_t>(size));
}

Response method_not_allowed(const Request& request, const std::string& allow) {
    auto response = error_response(request.version(), request.keep_alive(), 405,
                                   "method_not_allowed", "method not allowed on this route");
    response.set(beast_http::field::allow, allow);
    return response;
}

// Says how much the route takes, and what sets that, so the caller can fix the request.
std::string body_too_large_message(const RouteMatch& match, std::size_t limit) {
    std::string text = "the request body is too large: this route takes at most " +
                       readable_size(limit);
    if (match.route && !match.route->body_limit.why.empty()) {
        text += " (" + match.route->body_limit.why + ")";
    }
    return text;
}

}  // namespace

std::string session_cookie(const Request& request) {
    auto header = request[beast_http::field::cookie];
    std::string_view cookies(header.data(), header.size());
    std::string_view name = kSessionCookieName;
    while (!cookies.empty()) {
        auto end = cookies.find(';');
        auto pair = cookies.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
            return std::string(pair.substr(name.size() + 1));
        }
        if (end == std::string_view::npos) break;
        cookies.remove_prefix(end + 1);
    }
    return {};
}

Server::Server(asio::io_context& io, ServerOptions options, const Router& router,
               const StaticFiles& static_files, auth::SessionStore& sessions,
               WebSocketAcceptor websocket_acceptor)
    : io_(io),
      options_(std::move(options)),
      router_(router),
      static_files_(static_files),
      sessions_(sessions),
      websocket_acceptor_(std::move(websocket_acceptor)),
      acceptor_(io) {}

void Server::start() {
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options_.bind_address),
                                     options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    asio::co_spawn(io_, accept_loop(), asio::detached);
}

void Server::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

std::uint16_t Server::port() const { return acceptor_.local_endpoint().port(); }

void Server::set_token_authenticator(TokenAuthenticator authenticator) {
    token_authenticator_ = std::move(authenticator);
}

asio::awaitable<void> Server::accept_loop() {
    while (acceptor_.is_open()) {
        // Each connection gets its own strand, so its reads and writes never run concurrently.
        asio::any_io_executor home = options_.connection_executor
                                         ? options_.connection_executor()
                                         : asio::any_io_executor(io_.get_executor());
        auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(home), kTuple);
        if (ec) {
            if (ec == asio::error::operation_aborted) co_return;
            log::warn("accept failed", {log::kv("error", ec.message())});
            continue;
        }
        // Responses and relayed frames are small writes a browser waits for: Nagle's algorithm
        // would hold each one back until the previous is acknowledged (tens of ms on a delayed
        // ACK), so every connection sends at once.
        boost::system::error_code ignored;
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        auto executor = socket.get_executor();
        asio::co_spawn(executor, serve_connection(beast::tcp_stream(std::move(socket))),
                       asio::detached);
    }
}

asio::awaitable<void> Server::serve_connection(beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    boost::system::error_code endpoint_ec;
    auto remote = stream.socket().remote_endpoint(endpoint_ec);
    std::string client_address = endpoint_ec ? "unknown" : remote.address().to_string();

    for (bool first = true;; first = false) {
        beast_http::request_parser<beast_http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
        // The route, and so its body limit, is known only once the header is in; the declared
        // length is checked against it below.
        parser.body_limit(boost::none);
        // The deadline covers the whole header, so a client trickling bytes (slowloris) is cut
        // off; a kept-alive connection may sit idle a little longer between requests.
        stream.expires_after(first ? options_.read_timeout : options_.idle_timeout);
        auto [header_ec, header_bytes] =
            co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
        if (header_ec) {
            if (header_ec == beast_http::error::header_limit) {
                auto response = error_response(11, false, 431, "headers_too_large",
                                               "request headers are too large");
                add_security_headers(response);
                co_await beast_http::async_write(stream, response, kTuple);
            }
            break;
        }

        const auto& header = parser.get();
        unsigned version = header.version();
        if (header.target().size() > options_.target_limit) {
            auto response = error_response(version, false, 414, "uri_too_long",
                                           "the request URL is too long");
            add_security_headers(response);
            co_await beast_http::async_write(stream, response, kTuple);
            break;
        }

        auto url = boost::urls::parse_origin_form(header.target());
        std::string path = url ? std::string(url->encoded_path()) : std::string();

        if (beast::websocket::is_upgrade(header) && path == "/api/ws") {
            parser.body_limit(1024);
            auto [body_ec, body_bytes] = co_await beast_http::async_read(stream, buffer, parser,
                                                                         kTuple);
            if (body_ec) break;
            if (!same_origin(parser.get())) {
                auto response = error_response(version, false, 403, "cross_origin",
                                               "WebSocket connections must come from this site");
                co_await beast_http::async_write(stream, response, kTuple);
                break;
            }
            auto session = sessions_.find(session_cookie(parser.get()));
            if (!session) {
                auto response = error_response(version, false, 401, "unauthenticated",
                                               "sign in first");
                co_await beast_http::async_write(stream, response, kTuple);
                break;
            }
            stream.expires_never();
            websocket_acceptor_(std::move(stream), parser.release(), *session);
            co_return;
        }

        auto match = router_.match(header.method(), path);
        std::size_t body_limit =
            match.route ? match.route->body_limit.bytes() : Router::kDefaultBodyLimit;
        parser.body_limit(body_limit);
        bool declared_too_large = parser.content_length() && *parser.content_length() > body_limit;
        boost::system::error_code body_ec;
        if (!declared_too_large) {
            auto [read_ec, body_bytes] = co_await beast_http::async_read(stream, buffer, parser,
                                                                         kTuple);
            body_ec = read_ec;
        }
        if (declared_too_large || body_ec) {
            if (declared_too_large || body_ec == beast_http::error::body_limit) {
                auto response = error_response(version, false, 413, "body_too_large",
                                               body_too_large_message(match, body_limit));
                add_security_headers(response);
                co_await beast_http::async_write(stream, response, kTuple);
                co_await drain_before_close(stream);
            }
            break;
        }

        const Request& request = parser.get();
        RequestContext ctx{request, next_request_id(), client_address, {}, {}, {}, {}};
        if (url) {
            for (auto param : url->params()) {
                ctx.query.emplace(std::string(param.key), std::string(param.value));
            }
        }
        Response response = co_await dispatch(request, ctx, match);
        add_security_headers(response);
        bool keep_alive = response.keep_alive();
        auto [write_ec, written] = co_await beast_http::async_write(stream, response, kTuple);
        if (write_ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

asio::awaitable<Response> Server::dispatch(const Request& request, RequestContext& ctx,
                                           const RouteMatch& match) {
    std::string path(request.target().substr(0, request.target().find('?')));
    bool head = request.method() == Verb::head;
    if (!path.starts_with("/api/") && path != "/api") {
        if (request.method() == Verb::get || head) {
            if (auto file = static_files_.serve(request, path)) co_return std::move(*file);
            co_return error_response(request.version(), request.keep_alive(), 404, "not_found",
                                     "no such page");
        }
        if (request.method() == Verb::options) {
            Response response{beast_http::status::no_content, request.version()};
            response.set(beast_http::field::allow, "GET, HEAD, OPTIONS");
            response.keep_alive(request.keep_alive());
            co_return response;
        }
        co_return method_not_allowed(request, "GET, HEAD, OPTIONS");
    }
    if (!match.route) {
        if (!match.path_known) {
            co_return error_response(request.version(), request.keep_alive(), 404, "not_found",
                                     "no such API route");
        }
        std::string allow = allow_header(match.allowed) + ", OPTIONS";
        if (request.method() == Verb::options) {
            // No CORS: the API serves its own origin only, so a preflight gets no allowance.
            Response response{beast_http::status::no_content, request.version()};
            response.set(beast_http::field::allow, allow);
            response.set(beast_http::field::cache_control, "no-store");
            response.keep_alive(request.keep_alive());
            co_return response;
        }
        co_return method_not_allowed(request, allow);
    }

    ctx.params = match.params;
    ctx.session_token = session_cookie(request);
    auto bearer = bearer_token(request);
    if (!bearer) ctx.session = sessions_.find(ctx.session_token);
    std::optional<ApiError> failure;
    try {
        if (bearer) {
            ctx.session_token.clear();
            std::optional<auth::Session> token_session;
            if (token_authenticator_) token_session = co_await token_authenticator_(*bearer);
            if (!token_session) throw ApiError(401, "invalid_token", "unknown or revoked API token");
            ctx.session = std::move(token_session);
        }
        authorize(*match.route, ctx);
        Response response = co_await match.route->handler(ctx);
        if (head) strip_body_for_head(response);
        co_return response;
    } catch (const ApiError& e) {
        failure = e;
    } catch (const std::exception& e) {
        log::error("request failed", {log::kv("request_id", ctx.request_id),
                                      log::kv("path", path), log::kv("error", e.what())});
        failure = ApiError(500, "internal_error", "the server failed to handle the request");
    }
    if (failure->status() >= 500) {
        log::warn("request answered with an error",
                  {log::kv("request_id", ctx.request_id), log::kv("path", path),
                   log::kv("status", failure->status()), log::kv("code", failure->code())});
    }
    auto response = error_response(request.version(), request.keep_alive(), failure->status(),
                                   failure->code(), failure->what());
    if (failure->retry_after_seconds() > 0) {
        response.set(beast_http::field::retry_after,
                     std::to_string(failure->retry_after_seconds()));
    }
    if (head) strip_body_for_head(response);
    co_return response;
}

}  // namespace nbdash::http
