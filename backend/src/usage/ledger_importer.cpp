#include "usage/ledger_importer.hpp"

#include <fstream>
#include <sstream>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"

namespace nbdash::usage {

namespace {

std::string read_bounded(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text(kMaxLedgerFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

}  // namespace

LedgerImporter::LedgerImporter(db::BotStore& bots, db::UsageStore& usage,
                               workspace::BotFiles& files, Settings& settings,
                               BlockingPool& blocking)
    : bots_(bots), usage_(usage), files_(files), settings_(settings), blocking_(blocking) {}

std::vector<LedgerImporter::Reading> LedgerImporter::read_changed(
    const std::vector<std::string>& bot_ids) {
    std::vector<Reading> readings;
    for (const auto& bot_id : bot_ids) {
        auto path = files_.data_dir(bot_id) / "webui" / "token-usage.json";
        std::error_code error;
        // symlink_status: a ledger that is a link (perhaps to a file outside the bot's folder)
        // is not followed.
        auto status = std::filesystem::symlink_status(path, error);
        if (error || !std::filesystem::is_regular_file(status)) continue;
        FileStamp stamp{std::filesystem::last_write_time(path, error),
                        std::filesystem::file_size(path, error)};
        if (error) continue;
        auto seen = seen_.find(bot_id);
        if (seen != seen_.end() && seen->second == stamp) continue;
        seen_[bot_id] = stamp;
        try {
            Reading reading{bot_id, stamp, "", parse_ledger(read_bounded(path))};
            try {
                reading.model = ledger_model(files_.read_config(bot_id));
            } catch (const std::exception&) {
                // No readable config: the spend is still imported, priced as unknown.
            }
            readings.push_back(std::move(reading));
        } catch (const std::exception& e) {
            log::warn("bot token ledger not imported",
                      {log::kv("bot_id", bot_id), log::kv("error", e.what())});
        }
    }
    return readings;
}

boost::asio::awaitable<std::size_t> LedgerImporter::import_all() {
    auto bots = co_await bots_.list();
    std::vector<std::string> bot_ids;
    for (const auto& bot : bots) bot_ids.push_back(bot.id);
    // Named, capturing by reference: g++ 12 destroys a lambda temporary that owns a copy twice
    // when it is written inside the co_await expression (docs/development.md).
    auto read = [this, &bot_ids] { return read_changed(bot_ids); };
    auto readings = co_await blocking_.run(read);
    std::size_t stored = 0;
    std::vector<std::string> failed;
    for (auto& reading : readings) {
        try {
            co_await usage_.store_ledger(reading.bot_id, reading.model, reading.entries);
            ++stored;
        } catch (const std::exception& e) {
            log::warn("storing a bot token ledger failed; retried at the next pass",
                      {log::kv("bot_id", reading.bot_id), log::kv("error", e.what())});
            failed.push_back(reading.bot_id);
        }
    }
    if (!failed.empty()) {
        // Forgotten, so the next pass reads these files again even if they did not change.
        auto forget = [this, &failed] {
            for (const auto& bot_id : failed) seen_.erase(bot_id);
            return true;
        };
        co_await blocking_.run(forget);
    }
    co_return stored;
}

boost::asio::awaitable<void> LedgerImporter::run_periodically() {
    // Ticks every few seconds and imports once the interval has passed, so a shorter interval
    // set in the console applies at once rather than after the longer one runs out.
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    auto last = std::chrono::steady_clock::now();
    for (;;) {
        timer.expires_after(std::chrono::seconds(5));
        co_await timer.async_wait(boost::asio::use_awaitable);
        auto seconds = std::max<std::int64_t>(10, settings_.get_int("usage.ledger_import_seconds",
                                                                    300));
        if (std::chrono::steady_clock::now() - last < std::chrono::seconds(seconds)) continue;
        last = std::chrono::steady_clock::now();
        try {
            std::size_t stored = co_await import_all();
            if (stored > 0) log::info("bot token ledgers imported", {log::kv("bots", stored)});
        } catch (const std::exception& e) {
            log::warn("importing bot token ledgers failed", {log::kv("error", e.what())});
        }
    }
}

}  // namespace nbdash::usage
