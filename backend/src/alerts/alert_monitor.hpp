// The alert check: every alerts.check_seconds it reads alerts.rules, measures every bot in one
// query, opens an episode (one "alert" event) for each rule that starts to hold and clears the
// episode (one "alert_cleared" event) of each that stopped. Episodes live in bot_alert, so a
// restart neither repeats nor forgets them. Each change goes to the live event stream and to
// the webhook when one is set.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "alerts/alert_webhook.hpp"
#include "bots/bot_service.hpp"
#include "db/alert_store.hpp"
#include "realtime/hub.hpp"
#include "settings/settings.hpp"

namespace nbdash::alerts {

class AlertMonitor {
public:
    AlertMonitor(boost::asio::io_context& io, db::AlertStore& alerts, bots::BotService& bots,
                 realtime::Hub& hub, Settings& settings, AlertWebhook& webhook);

    // Starts checking; runs until the I/O context stops.
    void start();
    // One check now.
    boost::asio::awaitable<void> check();

private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> open(Finding finding, bool stop_bot);
    boost::asio::awaitable<void> clear(db::AlertRecord alert);
    void announce(const db::AlertChange& change);
    void warn_once(std::string& last, const std::string& value, const char* message);

    boost::asio::io_context& io_;
    db::AlertStore& alerts_;
    bots::BotService& bots_;
    realtime::Hub& hub_;
    Settings& settings_;
    AlertWebhook& webhook_;
    // Touched only by the checking coroutine (one check at a time): the last bad setting
    // values warned about, so a bad value is logged once rather than at every check.
    std::string bad_rules_;
    std::string bad_webhook_url_;
};

}  // namespace nbdash::alerts
