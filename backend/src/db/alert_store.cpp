#include "db/alert_store.hpp"

namespace nbdash::db {

namespace {

const std::string kColumns = "id, bot_id, rule, severity, detail, metadata_json, " +
                             iso_time("opened_at") + " AS opened_at, " +
                             iso_time("cleared_at") + " AS cleared_at";

// Per bot: container deaths and closed requests inside the windows ($1, $2 seconds), and the
// tokens of the current UTC day as docs/api.md counts them: dashboard requests, plus the
// ledger's other sources, plus whatever its "user" source holds beyond the dashboard's own.
// Each part is one grouped scan over an index on time, so the cost does not grow with the
// number of bots beyond the join.
const std::string kFiguresSql = R"SQL(
WITH deaths AS (
    SELECT bot_ref AS bot_id, count(*) AS deaths
    FROM bot_activity_event
    WHERE event_type = 'container_died' AND created_at >= now() - make_interval(secs => $1)
    GROUP BY bot_ref),
requests AS (
    SELECT bot_id, count(*) AS requests, count(*) FILTER (WHERE status <> 'success') AS errors
    FROM bot_request_usage
    WHERE status <> 'running' AND started_at >= now() - make_interval(secs => $2)
    GROUP BY bot_id),
dashboard_today AS (
    SELECT bot_id, sum(total_tokens) AS tokens
    FROM bot_request_usage
    WHERE started_at >= date_trunc('day', now(), 'UTC')
    GROUP BY bot_id),
ledger_today AS (
    SELECT bot_id,
           coalesce(sum(total_tokens) FILTER (WHERE source <> 'user'), 0) AS other_tokens,
           coalesce(sum(total_tokens) FILTER (WHERE source = 'user'), 0) AS user_tokens
    FROM bot_usage_ledger
    WHERE day = (now() AT TIME ZONE 'UTC')::date
    GROUP BY bot_id)
SELECT b.id, b.enabled, b.current_state,
       extract(epoch FROM now() - b.unready_since)::float8 AS unready_seconds,
       coalesce(d.deaths, 0) AS deaths,
       coalesce(r.requests, 0) AS requests,
       coalesce(r.errors, 0) AS errors,
       (coalesce(t.tokens, 0) + coalesce(l.other_tokens, 0)
        + greatest(coalesce(l.user_tokens, 0) - coalesce(t.tokens, 0), 0))::bigint
           AS tokens_today
FROM bot_instance b
LEFT JOIN deaths d ON d.bot_id = b.id
LEFT JOIN requests r ON r.bot_id = b.id
LEFT JOIN dashboard_today t ON t.bot_id = b.id
LEFT JOIN ledger_today l ON l.bot_id = b.id
ORDER BY b.id
)SQL";

AlertRecord to_alert(const pqxx::row& row) {
    AlertRecord alert;
    alert.id = row["id"].as<std::int64_t>();
    alert.bot_id = row["bot_id"].as<std::string>();
    alert.rule = row["rule"].as<std::string>();
    alert.severity = row["severity"].as<std::string>();
    alert.detail = row["detail"].as<std::string>();
    if (!row["metadata_json"].is_null()) {
        alert.metadata = Json::parse(row["metadata_json"].as<std::string>(), nullptr, false);
    }
    alert.opened_at = row["opened_at"].as<std::string>();
    if (!row["cleared_at"].is_null()) alert.cleared_at = row["cleared_at"].as<std::string>();
    return alert;
}

alerts::BotFigures to_figures(const pqxx::row& row) {
    alerts::BotFigures figures;
    figures.bot_id = row["id"].as<std::string>();
    figures.enabled = row["enabled"].as<bool>();
    figures.state = row["current_state"].as<std::string>();
    if (!row["unready_seconds"].is_null()) {
        figures.unready_seconds = row["unready_seconds"].as<double>();
    }
    figures.deaths = row["deaths"].as<std::int64_t>();
    figures.requests = row["requests"].as<std::int64_t>();
    figures.errors = row["errors"].as<std::int64_t>();
    figures.tokens_today = row["tokens_today"].as<std::int64_t>();
    return figures;
}

EventRecord alert_event(const AlertRecord& alert, bool firing) {
    EventRecord event;
    event.bot_id = alert.bot_id;
    event.event_type = firing ? "alert" : "alert_cleared";
    event.severity = firing ? alert.severity : "info";
    event.detail = firing ? alert.detail : alert.rule + " no longer holds; the alert is cleared";
    // The figures measured when the episode opened, so the clearing event says what it ends.
    event.metadata = alert.metadata.is_object() ? alert.metadata : Json::object();
    event.metadata["kind"] = alert.rule;
    event.metadata["alert_id"] = alert.id;
    event.metadata["state"] = firing ? "firing" : "cleared";
    return event;
}

}  // namespace

AlertStore::AlertStore(Database& db) : db_(db) {
    db_.prepare("alert_figures", kFiguresSql);
    db_.prepare("alert_open_list",
                "SELECT " + kColumns + " FROM bot_alert WHERE cleared_at IS NULL ORDER BY id");
    db_.prepare("alert_open",
                "INSERT INTO bot_alert (bot_id, rule, severity, detail, metadata_json) "
                "VALUES ($1, $2, $3, $4, $5::jsonb) "
                "ON CONFLICT (bot_id, rule) WHERE cleared_at IS NULL DO NOTHING "
                "RETURNING " + kColumns);
    db_.prepare("alert_clear",
                "UPDATE bot_alert SET cleared_at = now() WHERE id = $1 AND cleared_at IS NULL "
                "RETURNING " + kColumns);
    db_.prepare("alert_list",
                "SELECT " + kColumns + " FROM bot_alert WHERE ($1 OR cleared_at IS NULL) "
                "ORDER BY id DESC LIMIT $2");
    db_.prepare("alert_open_count", "SELECT count(*) FROM bot_alert WHERE cleared_at IS NULL");
}

boost::asio::awaitable<std::vector<alerts::BotFigures>> AlertStore::figures(
    FigureWindows windows) {
    return db_.run([windows](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<alerts::BotFigures> figures;
        for (const auto& row : tx.exec_prepared("alert_figures", windows.crash_loop_seconds,
                                                windows.error_rate_seconds)) {
            figures.push_back(to_figures(row));
        }
        return figures;
    });
}

boost::asio::awaitable<std::vector<AlertRecord>> AlertStore::open_alerts() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<AlertRecord> alerts;
        for (const auto& row : tx.exec_prepared("alert_open_list")) alerts.push_back(to_alert(row));
        return alerts;
    });
}

boost::asio::awaitable<std::optional<AlertChange>> AlertStore::open(alerts::Finding finding) {
    return db_.run([finding = std::move(finding)](pqxx::connection& c) {
        pqxx::work tx(c);
        Json metadata = finding.figures.is_object() ? finding.figures : Json::object();
        auto inserted = tx.exec_prepared("alert_open", finding.bot_id, finding.rule,
                                         finding.severity, finding.detail, dump_json(metadata));
        std::optional<AlertChange> change;
        if (inserted.empty()) return change;
        AlertRecord alert = to_alert(inserted[0]);
        EventRecord event = EventStore::record_in(tx, alert_event(alert, true));
        tx.commit();
        change = AlertChange{std::move(alert), std::move(event)};
        return change;
    });
}

boost::asio::awaitable<std::optional<AlertChange>> AlertStore::clear(std::int64_t alert_id) {
    return db_.run([alert_id](pqxx::connection& c) {
        pqxx::work tx(c);
        auto updated = tx.exec_prepared("alert_clear", alert_id);
        std::optional<AlertChange> change;
        if (updated.empty()) return change;
        AlertRecord alert = to_alert(updated[0]);
        EventRecord event = EventStore::record_in(tx, alert_event(alert, false));
        tx.commit();
        change = AlertChange{std::move(alert), std::move(event)};
        return change;
    });
}

boost::asio::awaitable<std::vector<AlertRecord>> AlertStore::list(bool all, int limit) {
    return db_.run([all, limit](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<AlertRecord> alerts;
        for (const auto& row : tx.exec_prepared("alert_list", all, limit)) {
            alerts.push_back(to_alert(row));
        }
        return alerts;
    });
}

boost::asio::awaitable<std::int64_t> AlertStore::open_count() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return tx.exec_prepared("alert_open_count")[0][0].as<std::int64_t>();
    });
}

Json to_json(const AlertRecord& alert) {
    return {{"id", alert.id},
            {"bot_id", alert.bot_id},
            {"rule", alert.rule},
            {"severity", alert.severity},
            {"detail", alert.detail},
            {"metadata", alert.metadata.is_null() ? Json::object() : alert.metadata},
            {"opened_at", alert.opened_at},
            {"cleared_at", alert.cleared_at ? Json(*alert.cleared_at) : Json()}};
}

}  // namespace nbdash::db
