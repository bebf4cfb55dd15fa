#include "db/retention_store.hpp"

namespace nbdash::db {

namespace {

const char* statement_name(RetainedTable table) {
    switch (table) {
    case RetainedTable::kRequestUsage: return "retention_purge_usage";
    case RetainedTable::kEvents: return "retention_purge_events";
    case RetainedTable::kMessages: return "retention_purge_messages";
    }
    return "";
}

// Picks the oldest rows through the table's time index and deletes them by primary key, so a
// batch touches only its own rows however large the table is.
std::string purge_sql(const std::string& table, const std::string& time_column,
                      const std::string& extra_condition) {
    return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " +
           time_column + " < now() - make_interval(days => $1::integer)" + extra_condition +
           " ORDER BY " + time_column + " LIMIT $2)";
}

}  // namespace

const char* table_name(RetainedTable table) {
    switch (table) {
    case RetainedTable::kRequestUsage: return "bot_request_usage";
    case RetainedTable::kEvents: return "bot_activity_event";
    case RetainedTable::kMessages: return "bot_message";
    }
    return "";
}

RetentionStore::RetentionStore(Database& db) : db_(db) {
    // Usage rows are placed in time by started_at, as the usage reports and rollups place them.
    db_.prepare(statement_name(RetainedTable::kRequestUsage),
                purge_sql("bot_request_usage", "started_at", " AND status <> 'running'"));
    db_.prepare(statement_name(RetainedTable::kEvents),
                purge_sql("bot_activity_event", "created_at", ""));
    db_.prepare(statement_name(RetainedTable::kMessages),
                purge_sql("bot_message", "created_at", ""));
}

boost::asio::awaitable<std::int64_t> RetentionStore::purge_batch(RetainedTable table,
                                                                 std::int64_t days,
                                                                 std::int64_t batch_size) {
    return db_.run([table, days, batch_size](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared(statement_name(table), days, batch_size);
        tx.commit();
        return static_cast<std::int64_t>(result.affected_rows());
    });
}

}  // namespace nbdash::db
