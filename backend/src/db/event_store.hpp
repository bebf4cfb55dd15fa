// bot_activity_event: what happened to each bot (lifecycle, commands, channel, alerts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "db/database.hpp"

namespace nbdash::db {

struct EventRecord {
    std::int64_t id = 0;
    std::optional<std::string> bot_id;
    std::optional<std::string> request_id;
    std::string event_type;
    std::string severity = "info";
    std::optional<std::string> channel;
    std::string detail;
    Json metadata;  // null when absent; never holds a secret
    std::string created_at;
};

// Filters of the event log; every one optional. Rows come newest first (by id).
struct EventQuery {
    std::optional<std::string> bot_id;
    std::vector<std::string> event_types;  // any of them; empty = every type
    std::optional<std::string> from;       // ISO 8601 instants: created_at in [from, to)
    std::optional<std::string> to;
    std::optional<std::string> text;       // case-insensitive substring of detail
    std::optional<std::int64_t> before_id;
    int limit = 50;
};

class EventStore {
public:
    explicit EventStore(Database& db);

    // Stores the event (id and created_at are filled in) and returns it.
    boost::asio::awaitable<EventRecord> record(EventRecord event);
    boost::asio::awaitable<std::vector<EventRecord>> list(EventQuery query);

    // Appends the insert to a transaction another store opened, so an event commits or rolls
    // back with the change it describes. Every write path comes through here, so this is where
    // secrets are redacted from detail and metadata (db/event_redaction.hpp).
    static EventRecord record_in(pqxx::work& tx, EventRecord event);

private:
    Database& db_;
};

}  // namespace nbdash::db
