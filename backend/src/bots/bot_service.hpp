// Bot lifecycle and chat: the one place that changes a bot's row, its files, its runtime and
// its channel together, records what happened as events and tells browsers.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bots/lifecycle_locks.hpp"
#include "channel/attachments.hpp"
#include "channel/channel_registry.hpp"
#include "common/blocking_pool.hpp"
#include "db/bot_store.hpp"
#include "db/chat_store.hpp"
#include "db/event_store.hpp"
#include "db/image_store.hpp"
#include "realtime/hub.hpp"
#include "runtime/bot_stats.hpp"
#include "runtime/runtime_driver.hpp"
#include "settings/settings.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::bots {

struct CreateBot {
    std::string id;
    std::string name;
    std::optional<std::string> image_tag;
    // Copy the files of this bot (minus its secrets and channel token) instead of defaults.
    std::optional<std::string> template_bot_id;
};

struct SentMessage {
    std::int64_t message_id = 0;
    std::string request_id;
};

struct Stores {
    db::BotStore& bots;
    db::ChatStore& chat;
    db::EventStore& events;
    db::ImageStore& images;
};

class BotService : public channel::ChannelListener {
public:
    BotService(boost::asio::io_context& io, Stores stores, workspace::BotFiles& files,
               runtime::RuntimeDriver& runtime, realtime::Hub& hub, Settings& settings,
               BlockingPool& blocking);

    boost::asio::awaitable<db::BotRecord> create(CreateBot request);
    boost::asio::awaitable<void> remove(std::string bot_id, bool purge);
    boost::asio::awaitable<db::BotRecord> start(std::string bot_id);
    boost::asio::awaitable<db::BotRecord> stop(std::string bot_id);
    boost::asio::awaitable<db::BotRecord> restart(std::string bot_id);
    // Records the user's message (with its attachments stored in the bot's folder) and queues
    // it for the bot. Text may be blank only when files are attached.
    boost::asio::awaitable<SentMessage> send_message(
        std::string bot_id, std::string text, std::vector<channel::Attachment> attachments = {});
    // The last lines of the bot's output (at most tail), oldest first.
    boost::asio::awaitable<std::vector<runtime::LogLine>> logs(std::string bot_id, int tail);

    // Brings the database in line with reality after a dashboard (re)start: running requests
    // from the last run are closed, enabled bots are started again, others marked stopped.
    boost::asio::awaitable<void> recover();
    // Closes every channel; called at shutdown.
    void shutdown();
    // Finished turns whose records are still being written (shutdown waits for them).
    int turns_being_stored() const { return turns_being_stored_.load(); }

    channel::ChannelRegistry& channels() { return channels_; }
    // The last resource sample of each running bot (written by the fleet monitor).
    runtime::StatsCache& stats() { return stats_; }
    // A bot object as the API and the fleet frames show it: the stored row, its drift and its
    // live stats.
    Json bot_json(const db::BotRecord& bot) const;

    void on_channel_state(const std::string& bot_id, const std::string& state,
                          const std::string& detail) override;
    void on_turn_closed(const std::string& bot_id, channel::TurnOutcome outcome) override;

private:
    boost::asio::awaitable<db::BotRecord> require_bot(const std::string& bot_id);
    boost::asio::awaitable<std::optional<db::BotRecord>> set_state(const std::string& bot_id,
                                                                   db::BotStateChange change);
    boost::asio::awaitable<void> record(db::EventRecord event);
    boost::asio::awaitable<void> store_turn(std::string bot_id, channel::TurnOutcome outcome);
    boost::asio::awaitable<void> write_channel_reports(std::string bot_id);
    boost::asio::awaitable<void> handle_exit(runtime::ExitReport report);
    // Runtime-side changes (Docker events): daemon lost or back, container removed or
    // restarted by its policy.
    boost::asio::awaitable<void> handle_state(runtime::StateReport report);
    // start(), or with adopting set, also when the row says running: a container that outlived
    // the dashboard is taken over and its channel opened again.
    boost::asio::awaitable<db::BotRecord> bring_up(std::string bot_id, bool adopting);
    // stop() without taking the bot's lifecycle lock (for restart, which holds it).
    boost::asio::awaitable<db::BotRecord> stop_held(std::string bot_id);
    // recover() for a runtime that keeps bots across dashboard restarts (Docker).
    boost::asio::awaitable<void> reconcile(std::vector<db::BotRecord> bots,
                                           std::map<std::string, std::string> observed);
    void spawn(boost::asio::awaitable<void> task, const char* what);

    boost::asio::io_context& io_;
    Stores stores_;
    workspace::BotFiles& files_;
    runtime::RuntimeDriver& runtime_;
    realtime::Hub& hub_;
    Settings& settings_;
    BlockingPool& blocking_;
    channel::ChannelRegistry channels_;
    std::atomic<int> turns_being_stored_{0};
    runtime::StatsCache stats_;
    LifecycleLocks lifecycle_;

    struct ChannelReport {
        std::string state;
        std::string detail;
    };
    std::mutex reports_mutex_;
    std::map<std::string, ChannelReport> pending_reports_;  // latest unwritten report per bot
    std::set<std::string> report_writers_;                  // bots whose writer is running
};

}  // namespace nbdash::bots
