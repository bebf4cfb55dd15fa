#include "db/event_store.hpp"

#include "db/event_redaction.hpp"

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

// text with LIKE's wildcards and its escape character taken literally.
std::string like_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
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
    // One statement for every combination of filters; list() has it planned for the values
    // given (a custom plan), so an absent filter folds away and the index that fits is used:
    // (bot_ref, id DESC) for a bot, (event_type, id DESC) for types, the primary key walked
    // backwards otherwise. The detail search is a plain ILIKE on the rows those scans reach:
    // with a bot, type or time filter it only narrows a bounded set; on its own it reads the
    // whole table (about half a second per 200k events). A pg_trgm index would serve it but
    // would cost every event insert, for a search operators run rarely.
    db_.prepare("event_list",
                "SELECT " + kColumns + " FROM bot_activity_event "
                "WHERE ($1::text IS NULL OR bot_ref = $1) "
                "AND ($2::text IS NULL OR event_type = ANY (string_to_array($2::text, ','))) "
                "AND ($3::timestamptz IS NULL OR created_at >= $3::timestamptz) "
                "AND ($4::timestamptz IS NULL OR created_at < $4::timestamptz) "
                "AND ($5::text IS NULL OR detail ILIKE $5::text) "
                "AND ($6::bigint IS NULL OR id < $6) ORDER BY id DESC LIMIT $7");
}

EventRecord EventStore::record_in(pqxx::work& tx, EventRecord event) {
    event.detail = redact_text(event.detail);
    if (!event.metadata.is_null()) event.metadata = redact_metadata(event.metadata);
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
    std::optional<std::string> types;
    for (const auto& type : query.event_types) types = types ? *types + "," + type : type;
    std::optional<std::string> pattern;
    if (query.text) pattern = "%" + like_escaped(*query.text) + "%";
    return db_.run([query = std::move(query), types, pattern](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        // A generic plan would keep every "IS NULL OR" branch and could not pick an index.
        tx.exec("SET LOCAL plan_cache_mode = force_custom_plan");
        std::vector<EventRecord> events;
        for (const auto& row : tx.exec_prepared("event_list", query.bot_id, types, query.from,
                                                query.to, pattern, query.before_id,
                                                query.limit)) {
            events.push_back(to_event(row));
        }
        return events;
    });
}

}  // namespace nbdash::db
