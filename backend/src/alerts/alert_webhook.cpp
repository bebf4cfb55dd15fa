#include "alerts/alert_webhook.hpp"

#include <chrono>
#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include "common/log.hpp"

namespace nbdash::alerts {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr auto kTimeout = std::chrono::seconds(5);
// The answer matters only for its status line; a large body is not read past this.
constexpr std::uint64_t kMaxAnswerBytes = 64 * 1024;

}  // namespace

std::optional<WebhookTarget> parse_webhook_url(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(url.data(), url.size()));
    if (!parsed || parsed->scheme() != "http") return std::nullopt;
    auto text = [](const auto& view) { return std::string(view.data(), view.size()); };
    WebhookTarget target;
    target.host = text(parsed->encoded_host());
    if (target.host.empty()) return std::nullopt;
    if (target.host.front() == '[') target.host = target.host.substr(1, target.host.size() - 2);
    target.port = "80";
    if (parsed->has_port()) {
        // Read here: Boost.URL's port_number() wraps a port past 16 bits instead of refusing it.
        std::string port = text(parsed->port());
        bool digits = !port.empty() && port.size() <= 5 &&
                      port.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) return std::nullopt;
        target.port = std::to_string(std::stoi(port));
    }
    target.target = text(parsed->encoded_path());
    if (target.target.empty()) target.target = "/";
    if (parsed->has_query()) target.target += "?" + text(parsed->encoded_query());
    return target;
}

void AlertWebhook::post(const WebhookTarget& target, const Json& body) {
    std::string text = dump_json(body);
    asio::co_spawn(asio::make_strand(io_), deliver(target, std::move(text)), asio::detached);
}

asio::awaitable<void> AlertWebhook::deliver(WebhookTarget target, std::string body) {
    auto executor = co_await asio::this_coro::executor;
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    try {
        // Name resolution has no timeout of its own: a timer on the same strand cancels it.
        auto resolver = std::make_shared<tcp::resolver>(executor);
        asio::steady_timer watchdog(executor);
        watchdog.expires_at(deadline);
        watchdog.async_wait([resolver](boost::system::error_code ec) {
            if (!ec) resolver->cancel();
        });
        auto endpoints = co_await resolver->async_resolve(target.host, target.port,
                                                          asio::use_awaitable);
        watchdog.cancel();

        beast::tcp_stream stream(executor);
        stream.expires_at(deadline);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        beast::http::request<beast::http::string_body> request(beast::http::verb::post,
                                                               target.target, 11);
        request.set(beast::http::field::host, target.host + ":" + target.port);
        request.set(beast::http::field::user_agent, "nbdash-alerts");
        request.set(beast::http::field::content_type, "application/json");
        request.keep_alive(false);
        request.body() = std::move(body);
        request.prepare_payload();
        co_await beast::http::async_write(stream, request, asio::use_awaitable);

        beast::flat_buffer buffer;
        beast::http::response_parser<beast::http::string_body> parser;
        parser.body_limit(kMaxAnswerBytes);
        co_await beast::http::async_read(stream, buffer, parser, asio::use_awaitable);
        unsigned status = parser.get().result_int();
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        if (status >= 200 && status < 300) {
            log::debug("alert webhook delivered", {log::kv("status", status)});
        } else {
            log::warn("alert webhook answered with an error status",
                      {log::kv("host", target.host), log::kv("status", status)});
        }
    } catch (const std::exception& e) {
        log::warn("alert webhook delivery failed",
                  {log::kv("host", target.host), log::kv("error", e.what())});
    }
}

}  // namespace nbdash::alerts
