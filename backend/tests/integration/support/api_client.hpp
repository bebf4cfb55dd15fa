// A small HTTP and WebSocket client for driving nbdash the way the console does: it keeps the
// session cookie and sends the CSRF token on writes.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "common/json.hpp"

namespace nbdash::testing {

struct ApiResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    Json json() const { return Json::parse(body, nullptr, false); }
    std::string error_code() const {
        Json parsed = json();
        return parsed.is_object() && parsed.contains("error") ? parsed["error"].value("code", "")
                                                                : "";
    }
};

class ApiClient {
public:
    explicit ApiClient(std::uint16_t port) : port_(port) {}

    ApiResponse request(const std::string& method, const std::string& target,
                        const std::string& body = "",
                        std::map<std::string, std::string> headers = {});
    ApiResponse get(const std::string& target) { return request("GET", target); }
    ApiResponse post(const std::string& target, const Json& body) {
        return request("POST", target, body.dump());
    }
    // Signs in as admin; returns the response (cookie and CSRF token are kept on success).
    ApiResponse login(const std::string& password);
    // Opens a share session for one bot, kept like login's.
    ApiResponse share_login(const std::string& bot_id, const std::string& password);
    // Takes the cookie and CSRF token of a 200 answer that started a session.
    void adopt_session(const ApiResponse& response);

    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }
    void forget_csrf() { csrf_.clear(); }
    std::uint16_t port() const { return port_; }

private:
    std::uint16_t port_;
    std::string cookie_;
    std::string csrf_;
};

// A browser-like subscriber on /api/ws.
class LiveClient {
public:
    LiveClient(std::uint16_t port, const std::string& cookie);
    void send(const Json& frame);
    // The next frame, or nullopt when none arrives in time.
    std::optional<Json> next(std::chrono::milliseconds timeout);
    // Frames until one matches (or the timeout); every frame read is appended to seen.
    std::optional<Json> wait_for(const std::function<bool(const Json&)>& match,
                                 std::chrono::milliseconds timeout, std::vector<Json>* seen = nullptr);
    // Subscribes and waits until the subscription is in place: frames are handled in order, so
    // the pong of a ping sent after it confirms it. False when no pong came within 5 s.
    bool subscribe(const std::string& topic);

private:
    boost::asio::io_context io_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
};

}  // namespace nbdash::testing
