// Deleting raw records past their retention, a bounded batch at a time.
#pragma once

#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"

namespace nbdash::db {

// The tables retention applies to. Rollups (bot_usage_hourly, fleet_usage_hourly) and the
// imported ledger are not among them: the rollup trigger does not follow deletes, so purging
// raw usage rows leaves the hourly figures as they were.
enum class RetainedTable { kRequestUsage, kEvents, kMessages };

const char* table_name(RetainedTable table);

class RetentionStore {
public:
    explicit RetentionStore(Database& db);

    // Deletes at most batch_size rows of the table older than days, in one short transaction
    // of its own; returns how many went. Requests still running are never deleted.
    boost::asio::awaitable<std::int64_t> purge_batch(RetainedTable table, std::int64_t days,
                                                     std::int64_t batch_size);

private:
    Database& db_;
};

}  // namespace nbdash::db
