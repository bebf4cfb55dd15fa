// The retention purge: shortly after start-up and then every retention.purge_interval_minutes,
// deletes raw usage rows, events and chat messages older than their retention.*_days setting
// (0 keeps them forever), retention.batch_size rows per short transaction, so no table is
// locked for long and other database work runs between batches.
#pragma once

#include <cstdint>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "db/retention_store.hpp"
#include "settings/settings.hpp"

namespace nbdash::retention {

class RetentionPurge {
public:
    RetentionPurge(boost::asio::io_context& io, db::RetentionStore& store, Settings& settings);

    // Starts the periodic purge; runs until the I/O context stops.
    void start();
    // One pass over every retained table.
    boost::asio::awaitable<void> purge();

private:
    boost::asio::awaitable<void> run();
    // Deletes the table's rows older than days; returns how many went.
    boost::asio::awaitable<std::int64_t> purge_table(db::RetainedTable table, std::int64_t days,
                                                     std::int64_t batch_size);

    boost::asio::io_context& io_;
    db::RetentionStore& store_;
    Settings& settings_;
};

}  // namespace nbdash::retention
