#include "db/event_store.hpp"

namespace nbdash::db {

namespace {

const std::string kColumns =
    "id, bot_ref AS bot_id, request_id, event_type, severity, channel, detail, metadata_json, " +
    iso_time("created_at") + " AS created_at";

EventRecord to_event(const pqxx::row& row) {
    EventRecord event;
    event.id = row["id"].as<std::int64_t>();
    if (!row["bot_id"].is_null()) event.bot_id = row["bot_id"].as<std::string>();
    if (!row["request_id"].is_null()) event.request_id = row["request_id"].as<std::string>();
    event.event_type = row["event_type"].as<std::string>();
    event.severity = row["severity"].as<std::string>();
    if (!row["channel"].is_null()) event.channel = row["channel"].as<std::string>();
    event.detail = row["detail"].as<std::string>();
    if (!row["metadata_json"].is_null()) {
        event.metadata = Json::parse(row["metadata_json"].as<std::string>(), nullptr, false);
    }
    event.created_at = row["created_at"].as<std::string>();
    return event;
}

}  // namespace

EventStore::EventStore(Database& db) : db_(db) {
    // bot_id is the foreign key (cleared when the bot is deleted); bot_ref keeps the id as text
    // so the history of a deleted bot stays attributable.
    db_.prepare("event_insert",
                "INSERT INTO bot_activity_event (bot_id, bot_ref, request_id, event_type, "
                "severity, channel, detail, metadata_json) "
                "VALUES ((SELECT id FROM bot_instance WHERE id = $1), $1, $2, $3, $4, $5, $6, "
                "$7::jsonb) RETURNING " + kColumns);
    db_.prepare("event_list",
                "SELECT " + kColumns + " FROM bot_activity_event "
                "WHERE ($1::text IS NULL OR bot_ref = $1) AND ($2::text IS NULL OR event_type = $2) "
                "AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4");
}

EventRecord EventStore::record_in(pqxx::work& tx, EventRecord event) {
    std::optional<std::string> metadata;
    if (!event.metadata.is_null()) metadata = dump_json(event.metadata);
    auto result = tx.exec_prepared("event_insert", event.bot_id, event.request_id,
                                   event.event_type, event.severity, event.channel, event.detail,
                                   metadata);
    return to_event(result[0]);
}

boost::asio::awaitable<EventRecord> EventStore::record(EventRecord event) {
    return db_.run([event = std::move(event)](pqxx::connection& c) {
        pqxx::work tx(c);
        EventRecord stored = record_in(tx, event);
        tx.commit();
        return stored;
    });
}

boost::asio::awaitable<std::vector<EventRecord>> EventStore::list(EventQuery query) {
    return db_.run([query = std::move(query)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<EventRecord> events;
        for (const auto& row : tx.exec_prepared("event_list", query.bot_id, query.event_type,
                                                query.before_id, query.limit)) {
            events.push_back(to_event(row));
        }
        return events;
    });
}

}  // namespace nbdash::db
