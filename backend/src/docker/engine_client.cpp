#include "docker/engine_client.hpp"

#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace nbdash::docker {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

using Socket = beast::basic_stream<asio::generic::stream_protocol, asio::any_io_executor>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// Bodies read whole (inspect, list, build output) stay far below this.
constexpr std::uint64_t kMaxBodyBytes = 64ull * 1024 * 1024;

constexpr const char* kHostFormats =
    "NBDASH_DOCKER_HOST must be unix:///path/to/docker.sock or tcp://host:port";

asio::generic::stream_protocol::endpoint tcp_endpoint(std::string_view address) {
    // host:port or [v6 address]:port
    auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == address.size()) {
        throw std::invalid_argument(kHostFormats);
    }
    std::string host(address.substr(0, colon));
    std::string port(address.substr(colon + 1));
    if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) == 0 || std::stoi(port) > 65535) {
        throw std::invalid_argument(kHostFormats);
    }
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    boost::system::error_code ec;
    auto results = resolver.resolve(host, port, asio::ip::tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        throw std::invalid_argument("NBDASH_DOCKER_HOST names a host that does not resolve: " +
                                    host);
    }
    return asio::generic::stream_protocol::endpoint(results.begin()->endpoint());
}

asio::generic::stream_protocol::endpoint endpoint_of(const std::string& host) {
    constexpr std::string_view kUnix = "unix://";
    constexpr std::string_view kTcp = "tcp://";
    if (host.starts_with(kUnix) && host.size() > kUnix.size()) {
        return asio::generic::stream_protocol::endpoint(
            asio::local::stream_protocol::endpoint(host.substr(kUnix.size())));
    }
    if (host.starts_with(kTcp) && host.size() > kTcp.size()) {
        std::string_view rest = std::string_view(host).substr(kTcp.size());
        if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
        return tcp_endpoint(rest);
    }
    throw std::invalid_argument(kHostFormats);
}

http::request<http::string_body> make_request(http::verb verb, const std::string& target,
                                              std::string body, const std::string& content_type) {
    http::request<http::string_body> request{verb, EngineClient::kApiPrefix + target, 11};
    // The Engine ignores Host on its unix socket, but HTTP/1.1 requires one.
    request.set(http::field::host, "docker");
    request.set(http::field::user_agent, "nbdash");
    if (!body.empty() || verb == http::verb::post) {
        request.set(http::field::content_type, content_type);
        request.body() = std::move(body);
    }
    request.prepare_payload();
    return request;
}

// Connects to the Engine and writes one request; throws EngineError on failure.
asio::awaitable<void> send_request(Socket& socket,
                                   const asio::generic::stream_protocol::endpoint& endpoint,
                                   http::request<http::string_body> request) {
    auto [ec] = co_await socket.async_connect(endpoint, kTuple);
    if (ec) throw EngineError(0, "cannot connect to the Docker daemon: " + ec.message());
    auto [write_ec, written] = co_await http::async_write(socket, request, kTuple);
    if (write_ec) {
        throw EngineError(0, "writing to the Docker socket failed: " + write_ec.message());
    }
}

}  // namespace

EngineClient::EngineClient(asio::any_io_executor executor, const std::string& host)
    : executor_(std::move(executor)), host_(host), endpoint_(endpoint_of(host)) {}

asio::awaitable<EngineResponse> EngineClient::call(http::verb verb, std::string target,
                                                   std::string body, std::string content_type,
                                                   std::chrono::milliseconds timeout) {
    ++calls_;
    Socket socket(executor_);
    socket.expires_after(timeout);
    auto request = make_request(verb, target, std::move(body), content_type);
    co_await send_request(socket, endpoint_, std::move(request));

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    auto [read_ec, read] = co_await http::async_read(socket, buffer, parser, kTuple);
    if (read_ec)
        throw EngineError(0, "reading from the Docker socket failed: " + read_ec.message());
    beast::error_code ignored;
    socket.socket().shutdown(asio::socket_base::shutdown_both, ignored);
    EngineResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    response.body = std::move(parser.get().body());
    co_return response;
}

asio::awaitable<Json> EngineClient::call_json(http::verb verb, std::string target, std::string body,
                                              std::chrono::milliseconds timeout) {
    auto response = co_await call(verb, target, std::move(body), "application/json", timeout);
    if (response.status < 200 || response.status >= 300) {
        throw EngineError(response.status, engine_message(response.body));
    }
    if (response.body.empty()) co_return Json();
    auto parsed = Json::parse(response.body, nullptr, false);
    if (parsed.is_discarded()) throw EngineError(502, "the Engine answered with invalid JSON");
    co_return parsed;
}

asio::awaitable<int> EngineClient::stream(http::verb verb, std::string target, std::string body,
                                          std::string content_type, BodySink sink,
                                          std::chrono::milliseconds idle_timeout,
                                          std::string* error_body,
                                          std::shared_ptr<StopSignal> stop) {
    ++calls_;
    auto arm = [idle_timeout](Socket& socket) {
        if (idle_timeout.count() > 0) {
            socket.expires_after(idle_timeout);
        } else {
            socket.expires_never();
        }
    };
    Socket socket(executor_);
    socket.expires_after(std::chrono::seconds(30));
    auto request = make_request(verb, target, std::move(body), content_type);
    co_await send_request(socket, endpoint_, std::move(request));
    // Stopping shuts the connection down: the pending read returns and the loop ends. Only the
    // shutdown(2) call touches the socket from the stopping thread.
    struct StopGuard {
        std::shared_ptr<StopSignal> signal;
        ~StopGuard() {
            if (signal) signal->clear_action();
        }
    } guard{stop};
    if (stop) {
        int fd = socket.socket().native_handle();
        stop->set_action([fd] { ::shutdown(fd, SHUT_RDWR); });
    }

    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(boost::none);
    arm(socket);
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(socket, buffer, parser, kTuple);
    if (header_ec && stop && stop->stopped()) co_return 0;
    if (header_ec)
        throw EngineError(0, "reading from the Docker socket failed: " + header_ec.message());
    const int status = static_cast<int>(parser.get().result_int());
    const bool ok = status >= 200 && status < 300;

    char chunk[16 * 1024];
    while (!parser.is_done()) {
        parser.get().body().data = chunk;
        parser.get().body().size = sizeof chunk;
        arm(socket);
        // read_some: hand over whatever arrived; a full read would hold events back until the
        // chunk buffer filled.
        auto [ec, n] = co_await http::async_read_some(socket, buffer, parser, kTuple);
        if (ec == http::error::need_buffer) ec = {};
        if (ec == http::error::end_of_stream || ec == http::error::partial_message) break;
        if (ec && stop && stop->stopped()) break;
        if (ec) throw EngineError(0, "the Docker stream broke: " + ec.message());
        std::string_view piece(chunk, sizeof chunk - parser.get().body().size);
        if (piece.empty()) continue;
        if (ok) {
            sink(piece);
        } else if (error_body) {
            error_body->append(piece);
        }
    }
    co_return status;
}

asio::awaitable<bool> EngineClient::ping(std::chrono::milliseconds timeout) {
    try {
        auto response = co_await call(http::verb::get, "/_ping", "", "", timeout);
        co_return response.status == 200;
    } catch (const EngineError&) {
        co_return false;
    }
}

std::string engine_message(const std::string& body) {
    auto parsed = Json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()) {
        return parsed["message"].get<std::string>();
    }
    return body.substr(0, 200);
}

std::string query_escape(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

}  // namespace nbdash::docker
