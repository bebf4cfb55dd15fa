#include "retention/retention_purge.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"

namespace nbdash::retention {

namespace asio = boost::asio;

namespace {

// The first pass waits this long after start-up, leaving the database to the recovery of
// bots first; a dashboard restarted more often than the interval still purges.
constexpr auto kFirstPassDelay = std::chrono::seconds(3);
// One pass deletes at most this many batches per table; the rest waits for the next pass, so
// a first purge over years of history cannot run for hours.
constexpr int kMaxBatchesPerPass = 1000;

}  // namespace

RetentionPurge::RetentionPurge(asio::io_context& io, db::RetentionStore& store,
                               Settings& settings)
    : io_(io), store_(store), settings_(settings) {}

void RetentionPurge::start() {
    asio::co_spawn(io_, run(), [](std::exception_ptr failure) {
        if (failure) log::error("retention purge stopped");
    });
}

asio::awaitable<void> RetentionPurge::run() {
    asio::steady_timer pause(io_);
    pause.expires_after(kFirstPassDelay);
    for (;;) {
        co_await pause.async_wait(asio::use_awaitable);
        try {
            co_await purge();
        } catch (const std::exception& e) {
            log::warn("retention purge failed", {log::kv("error", e.what())});
        }
        auto minutes = std::clamp<std::int64_t>(
            settings_.get_int("retention.purge_interval_minutes", 60), 1, 10080);
        pause.expires_after(std::chrono::minutes(minutes));
    }
}

asio::awaitable<void> RetentionPurge::purge() {
    auto batch_size =
        std::clamp<std::int64_t>(settings_.get_int("retention.batch_size", 5000), 1, 100000);
    struct Retained {
        db::RetainedTable table;
        const char* days_key;
        std::int64_t default_days;
    };
    const Retained retained[] = {
        {db::RetainedTable::kRequestUsage, "retention.usage_days", 90},
        {db::RetainedTable::kEvents, "retention.events_days", 365},
        {db::RetainedTable::kMessages, "retention.messages_days", 0},
    };
    for (const auto& item : retained) {
        // Capped so a value edited straight into the table still fits the SQL integer.
        std::int64_t days =
            std::min<std::int64_t>(settings_.get_int(item.days_key, item.default_days), 1'000'000);
        if (days <= 0) continue;
        auto purged = co_await purge_table(item.table, days, batch_size);
        if (purged > 0) {
            log::info("purged records past their retention",
                      {log::kv("table", db::table_name(item.table)), log::kv("rows", purged),
                       log::kv("days", days)});
        }
    }
}

asio::awaitable<std::int64_t> RetentionPurge::purge_table(db::RetainedTable table,
                                                          std::int64_t days,
                                                          std::int64_t batch_size) {
    std::int64_t total = 0;
    for (int batch = 0; batch < kMaxBatchesPerPass; ++batch) {
        auto deleted = co_await store_.purge_batch(table, days, batch_size);
        total += deleted;
        if (deleted < batch_size) break;
    }
    co_return total;
}

}  // namespace nbdash::retention
