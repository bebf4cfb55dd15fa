#include "docker/engine_client.hpp"

#include <boost/asio/as_tuple.hpp>
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

using Socket = beast::basic_stream<asio::local::stream_protocol, asio::any_io_executor>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// Bodies read whole (inspect, list, build output) stay far below this.
constexpr std::uint64_t kMaxBodyBytes = 64ull * 1024 * 1024;

std::string socket_path_of(const std::string& host) {
    constexpr std::string_view kScheme = "unix://";
    if (!host.starts_with(kScheme) || host.size() <= kScheme.size()) {
        throw std::invalid_argument("NBDASH_DOCKER_HOST must be unix:///path/to/docker.sock");
    }
    return host.substr(kScheme.size());
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

// Connects to the Engine's socket and writes one request; throws EngineError on failure.
asio::awaitable<void> send_request(Socket& socket, const std::string& path,
                                   http::request<http::string_body> request) {
    auto [ec] = co_await socket.async_connect(asio::local::stream_protocol::endpoint(path), kTuple);
    if (ec) throw EngineError(0, "cannot connect to the Docker socket: " + ec.message());
    auto [write_ec, written] = co_await http::async_write(socket, request, kTuple);
    if (write_ec) {
        throw EngineError(0, "writing to the Docker socket failed: " + write_ec.message());
    }
}

}  // namespace

EngineClient::EngineClient(asio::any_io_executor executor, const std::string& host)
    : executor_(std::move(executor)), socket_path_(socket_path_of(host)) {}

asio::awaitable<EngineResponse> EngineClient::call(http::verb verb, std::string target,
                                                   std::string body, std::string content_type,
                                                   std::chrono::milliseconds timeout) {
    ++calls_;
    Socket socket(executor_);
    socket.expires_after(timeout);
    auto request = make_request(verb, target, std::move(body), content_type);
    co_await send_request(socket, socket_path_, std::move(request));

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
                                          std::string* error_body) {
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
    co_await send_request(socket, socket_path_, std::move(request));

    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(boost::none);
    arm(socket);
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(socket, buffer, parser, kTuple);
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
