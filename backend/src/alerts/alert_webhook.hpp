// Delivers alert notifications to the operator's webhook (alerts.webhook_url): one JSON POST
// per alert event, 5 s for the whole exchange, no retry; a failure is logged and dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "common/json.hpp"

namespace nbdash::alerts {

// Where an http:// URL points; nullopt for any other scheme, a missing host or a bad port.
struct WebhookTarget {
    std::string host;
    std::string port;    // "80" unless the URL names one
    std::string target;  // path and query, "/" when empty
};
std::optional<WebhookTarget> parse_webhook_url(std::string_view url);

class AlertWebhook {
public:
    explicit AlertWebhook(boost::asio::io_context& io) : io_(io) {}

    // Starts the POST and returns at once; the exchange runs on its own strand.
    void post(const WebhookTarget& target, const Json& body);

private:
    boost::asio::awaitable<void> deliver(WebhookTarget target, std::string body);

    boost::asio::io_context& io_;
};

}  // namespace nbdash::alerts
