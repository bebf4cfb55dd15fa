// bot_alert: alert episodes, and the figures the alert rules are judged on. Opening and
// clearing an episode records its event in the same transaction, so an episode and its event
// are never one without the other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "alerts/alert_rules.hpp"
#include "db/database.hpp"
#include "db/event_store.hpp"

namespace nbdash::db {

struct AlertRecord {
    std::int64_t id = 0;
    std::string bot_id;
    std::string rule;
    std::string severity;
    std::string detail;
    Json metadata;
    std::string opened_at;
    std::optional<std::string> cleared_at;
};

// The look-back windows of one check, in seconds.
struct FigureWindows {
    double crash_loop_seconds = 600;
    double error_rate_seconds = 900;
};

// An episode that opened or closed, with the event recorded for it.
struct AlertChange {
    AlertRecord alert;
    EventRecord event;
};

class AlertStore {
public:
    explicit AlertStore(Database& db);

    // The figures of every bot, in one statement.
    boost::asio::awaitable<std::vector<alerts::BotFigures>> figures(FigureWindows windows);
    boost::asio::awaitable<std::vector<AlertRecord>> open_alerts();

    // Opens an episode for the finding and records its "alert" event; nullopt when one is
    // already open for that bot and rule (the unique index decides, also across replicas).
    boost::asio::awaitable<std::optional<AlertChange>> open(alerts::Finding finding);
    // Closes the episode and records its "alert_cleared" event; nullopt when it was closed
    // already.
    boost::asio::awaitable<std::optional<AlertChange>> clear(std::int64_t alert_id);

    // Newest first; only open ones unless all.
    boost::asio::awaitable<std::vector<AlertRecord>> list(bool all, int limit);
    boost::asio::awaitable<std::int64_t> open_count();

private:
    Database& db_;
};

Json to_json(const AlertRecord& alert);

}  // namespace nbdash::db
