#include "alerts/alert_monitor.hpp"

#include <algorithm>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "db/record_json.hpp"

namespace nbdash::alerts {

namespace asio = boost::asio;

namespace {

using RuleKey = std::pair<std::string, std::string>;  // bot id, rule

bool is_checked_rule(const std::string& rule) {
    return rule == "crash_loop" || rule == "error_rate" || rule == "unreachable" ||
           rule == "token_budget";
}

}  // namespace

AlertMonitor::AlertMonitor(asio::io_context& io, db::AlertStore& alerts, bots::BotService& bots,
                           realtime::Hub& hub, Settings& settings, AlertWebhook& webhook)
    : io_(io), alerts_(alerts), bots_(bots), hub_(hub), settings_(settings), webhook_(webhook) {}

void AlertMonitor::start() {
    asio::co_spawn(io_, run(), [](std::exception_ptr failure) {
        if (failure) log::error("alert checking stopped");
    });
}

asio::awaitable<void> AlertMonitor::run() {
    asio::steady_timer pause(io_);
    for (;;) {
        auto seconds = std::clamp<std::int64_t>(settings_.get_int("alerts.check_seconds", 30),
                                                1, 86400);
        pause.expires_after(std::chrono::seconds(seconds));
        co_await pause.async_wait(asio::use_awaitable);
        try {
            co_await check();
        } catch (const std::exception& e) {
            log::warn("alert check failed", {log::kv("error", e.what())});
        }
    }
}

void AlertMonitor::warn_once(std::string& last, const std::string& value, const char* message) {
    if (value == last) return;
    last = value;
    if (!value.empty()) log::warn(message, {log::kv("problem", value)});
}

asio::awaitable<void> AlertMonitor::check() {
    Json value = settings_.get_json("alerts.rules");
    warn_once(bad_rules_, alert_rules_problem(value).value_or(""),
              "alerts.rules has a bad value; defaults are used where it is wrong");
    AlertRules rules = parse_alert_rules(value);
    db::FigureWindows windows;
    windows.crash_loop_seconds = rules.crash_loop.minutes * 60;
    windows.error_rate_seconds = rules.error_rate.minutes * 60;
    auto figures = co_await alerts_.figures(windows);
    auto open_alerts = co_await alerts_.open_alerts();

    std::set<RuleKey> holding;
    std::vector<Finding> findings;
    for (const auto& bot : figures) {
        for (auto& finding : evaluate(rules, bot)) {
            holding.emplace(finding.bot_id, finding.rule);
            findings.push_back(std::move(finding));
        }
    }
    std::set<RuleKey> already_open;
    for (const auto& alert : open_alerts) already_open.emplace(alert.bot_id, alert.rule);

    for (const auto& finding : findings) {
        if (already_open.count({finding.bot_id, finding.rule})) continue;
        bool stop_bot = finding.rule == "token_budget" && rules.token_budget.stop_bot;
        co_await open(finding, stop_bot);
    }
    // Bots that no longer exist have no figures, so their open episodes end here too.
    for (const auto& alert : open_alerts) {
        if (!is_checked_rule(alert.rule) || holding.count({alert.bot_id, alert.rule})) continue;
        co_await clear(alert);
    }
}

asio::awaitable<void> AlertMonitor::open(Finding finding, bool stop_bot) {
    std::string bot_id = finding.bot_id;
    auto change = co_await alerts_.open(std::move(finding));
    // Another replica opened it first: it announces it.
    if (!change) co_return;
    log::info("alert opened", {log::kv("bot_id", bot_id), log::kv("rule", change->alert.rule),
                               log::kv("alert_id", change->alert.id)});
    announce(*change);
    if (!stop_bot) co_return;
    try {
        co_await bots_.stop(bot_id);
        log::info("bot stopped: over its daily token budget", {log::kv("bot_id", bot_id)});
    } catch (const std::exception& e) {
        log::warn("could not stop a bot over its token budget",
                  {log::kv("bot_id", bot_id), log::kv("error", e.what())});
    }
}

asio::awaitable<void> AlertMonitor::clear(db::AlertRecord alert) {
    auto change = co_await alerts_.clear(alert.id);
    if (!change) co_return;
    log::info("alert cleared", {log::kv("bot_id", alert.bot_id), log::kv("rule", alert.rule),
                                log::kv("alert_id", alert.id)});
    announce(*change);
}

void AlertMonitor::announce(const db::AlertChange& change) {
    Json event = db::to_json(change.event);
    hub_.publish(realtime::Hub::kFleetTopic, {{"type", "event"}, {"event", event}});

    std::string url = settings_.get_string("alerts.webhook_url", "");
    if (url.empty()) return;
    auto target = parse_webhook_url(url);
    warn_once(bad_webhook_url_, target ? "" : "not an http:// URL",
              "alerts.webhook_url is not used");
    if (!target) return;
    Json body = {{"type", change.event.event_type},
                 {"alert", db::to_json(change.alert)},
                 {"event", event}};
    webhook_.post(*target, body);
}

}  // namespace nbdash::alerts
