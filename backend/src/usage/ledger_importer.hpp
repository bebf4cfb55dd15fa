// Copies every bot's own token ledger into bot_usage_ledger, so a bot's spend outside the
// dashboard channel (other chat channels, cron jobs, heartbeats, the memory job) is reported
// beside the dashboard's per-request records. Runs every usage.ledger_import_seconds over
// running and stopped bots alike; a file that has not changed since the last pass is not read.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/blocking_pool.hpp"
#include "db/bot_store.hpp"
#include "db/usage_store.hpp"
#include "settings/settings.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::usage {

class LedgerImporter {
public:
    LedgerImporter(db::BotStore& bots, db::UsageStore& usage, workspace::BotFiles& files,
                   Settings& settings, BlockingPool& blocking);

    // One pass over the fleet; returns the number of ledgers stored. Not to be run twice at
    // once (the periodic loop is its only caller in the server).
    boost::asio::awaitable<std::size_t> import_all();
    // Runs import_all every usage.ledger_import_seconds until the I/O context stops.
    boost::asio::awaitable<void> run_periodically();

private:
    struct FileStamp {
        std::filesystem::file_time_type modified;
        std::uintmax_t size = 0;
        bool operator==(const FileStamp&) const = default;
    };
    struct Reading {
        std::string bot_id;
        FileStamp stamp;
        std::string model;
        std::vector<LedgerEntry> entries;
    };

    std::vector<Reading> read_changed(const std::vector<std::string>& bot_ids);

    db::BotStore& bots_;
    db::UsageStore& usage_;
    workspace::BotFiles& files_;
    Settings& settings_;
    BlockingPool& blocking_;
    std::map<std::string, FileStamp> seen_;  // touched only on the blocking thread of a pass
};

}  // namespace nbdash::usage
