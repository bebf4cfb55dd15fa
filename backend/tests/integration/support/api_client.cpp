#include "support/api_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace nbdash::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

ApiResponse ApiClient::request(const std::string& method, const std::string& target,
                               const std::string& body, std::map<std::string, std::string> headers) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    beast::error_code ec;
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
    if (ec) return ApiResponse{0, ec.message(), {}};

    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!cookie_.empty()) req.set(http::field::cookie, "nbdash_session=" + cookie_);
    bool write = method != "GET" && method != "HEAD";
    if (write && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req, ec);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);  // a HEAD answer announces a body it never sends
    http::read(stream, buffer, parser, ec);
    ApiResponse out;
    if (ec) {
        out.status = 0;
        out.body = ec.message();
        return out;
    }
    auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& field : res) {
        out.headers[std::string(field.name_string())] = std::string(field.value());
    }
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    return out;
}

ApiResponse ApiClient::login(const std::string& password) {
    auto response = post("/api/auth/login", {{"password", password}});
    adopt_session(response);
    return response;
}

ApiResponse ApiClient::share_login(const std::string& bot_id, const std::string& password) {
    auto response = post("/api/share/" + bot_id + "/login", {{"password", password}});
    adopt_session(response);
    return response;
}

void ApiClient::adopt_session(const ApiResponse& response) {
    if (response.status != 200) return;
    auto set_cookie = response.headers.find("Set-Cookie");
    if (set_cookie == response.headers.end()) return;
    csrf_ = response.json()["csrf_token"];
    auto start = set_cookie->second.find('=') + 1;
    cookie_ = set_cookie->second.substr(start, set_cookie->second.find(';') - start);
}

LiveClient::LiveClient(std::uint16_t port, const std::string& cookie) : ws_(io_) {
    beast::get_lowest_layer(ws_).connect(
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws_.set_option(beast::websocket::stream_base::decorator(
        [cookie](beast::websocket::request_type& req) {
            req.set(http::field::cookie, "nbdash_session=" + cookie);
        }));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/api/ws");
}

void LiveClient::send(const Json& frame) {
    ws_.text(true);
    ws_.write(asio::buffer(frame.dump()));
}

std::optional<Json> LiveClient::next(std::chrono::milliseconds timeout) {
    beast::flat_buffer buffer;
    std::optional<Json> result;
    bool done = false;
    ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) {
        done = true;
        if (!ec) result = Json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
    });
    io_.restart();
    io_.run_for(timeout);
    if (!done) {
        // Abandon the read: a websocket stream cannot resume after a cancelled read, so the
        // caller treats a timeout as the end of this client.
        beast::get_lowest_layer(ws_).cancel();
        io_.restart();
        io_.run_for(std::chrono::milliseconds(200));
    }
    return result;
}

std::optional<Json> LiveClient::wait_for(const std::function<bool(const Json&)>& match,
                                         std::chrono::milliseconds timeout,
                                         std::vector<Json>* seen) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto frame = next(left);
        if (!frame) return std::nullopt;
        if (seen) seen->push_back(*frame);
        if (match(*frame)) return frame;
    }
    return std::nullopt;
}

bool LiveClient::subscribe(const std::string& topic) {
    send({{"type", "subscribe"}, {"topic", topic}});
    send({{"type", "ping"}});
    return wait_for([](const Json& f) { return f["type"] == "pong"; }, std::chrono::seconds(5))
        .has_value();
}

}  // namespace nbdash::testing
