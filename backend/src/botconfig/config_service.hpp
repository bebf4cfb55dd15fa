// Reads and changes a bot's files: config.json, env.json, the five persona files and its
// installed skills. Every change is checked, written atomically, guarded by an ETag against
// changes made underneath (by another operator or by nanobot itself), kept as a revision with
// secrets redacted, announced as a config_changed event, and marks the bot as needing a restart
// when it only applies on start. Secrets never leave this class unmasked.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/blocking_pool.hpp"
#include "common/json.hpp"
#include "db/bot_store.hpp"
#include "db/event_store.hpp"
#include "db/revision_store.hpp"
#include "db/skill_store.hpp"
#include "realtime/hub.hpp"
#include "settings/settings.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::botconfig {

struct ConfigDeps {
    db::BotStore& bots;
    db::EventStore& events;
    db::RevisionStore& revisions;
    db::SkillStore& skills;
    workspace::BotFiles& files;
    realtime::Hub& hub;
    Settings& settings;
    BlockingPool& blocking;
};

// Changes config.json and env.json together; may throw ClientError to refuse.
using ConfigEdit = std::function<void(Json& config, Json& env)>;

class ConfigService {
public:
    explicit ConfigService(ConfigDeps deps);

    // {"etag","config"(masked),"needs_restart"}
    boost::asio::awaitable<Json> get_config(std::string bot_id);
    // Replaces the whole config.json (masked secrets sent back keep their value).
    boost::asio::awaitable<Json> put_config(std::string bot_id, std::string if_match, Json config,
                                            std::string actor);
    // Applies edit under the bot's lock; if_match (when set) is checked against config.json.
    boost::asio::awaitable<Json> edit_config(std::string bot_id,
                                             std::optional<std::string> if_match, ConfigEdit edit,
                                             std::string actor);

    boost::asio::awaitable<Json> list_files(std::string bot_id);
    boost::asio::awaitable<Json> get_file(std::string bot_id, std::string name);
    boost::asio::awaitable<Json> put_file(std::string bot_id, std::string name,
                                          std::string if_match, std::string content,
                                          std::string actor);

    boost::asio::awaitable<Json> get_env(std::string bot_id);
    boost::asio::awaitable<Json> put_env(std::string bot_id, std::string if_match, Json request,
                                         std::string actor);

    boost::asio::awaitable<Json> list_revisions(std::string bot_id,
                                                std::optional<std::string> file, int limit);
    boost::asio::awaitable<Json> get_revision(std::string bot_id, std::int64_t revision);
    boost::asio::awaitable<Json> restore_revision(std::string bot_id, std::int64_t revision,
                                                  std::optional<std::string> if_match,
                                                  std::string actor);

    boost::asio::awaitable<Json> list_skills(std::string bot_id);
    boost::asio::awaitable<Json> install_skill(std::string bot_id, std::string skill_key,
                                               bool replace);
    boost::asio::awaitable<void> remove_skill(std::string bot_id, std::string name);

    // The last measured disk use of each bot's folder, set by the storage monitor.
    void set_storage_used(const std::string& bot_id, double megabytes);
    std::optional<double> storage_used(const std::string& bot_id) const;

    // The quoted ETag of a file's bytes.
    static std::string etag_of(std::string_view content);

private:
    struct Saved;
    boost::asio::awaitable<db::BotRecord> require_bot(const std::string& bot_id);
    boost::asio::awaitable<void> announce(const db::BotRecord& bot, std::vector<Saved> saved,
                                          std::string actor, Json& response);
    boost::asio::awaitable<Json> save_config_files(std::string bot_id, std::string precondition_file,
                                                   std::optional<std::string> if_match,
                                                   ConfigEdit edit, std::string actor,
                                                   std::string response_file);
    std::mutex& bot_lock(const std::string& bot_id);

    ConfigDeps deps_;
    std::mutex locks_mutex_;
    std::map<std::string, std::unique_ptr<std::mutex>> locks_;
    mutable std::mutex storage_mutex_;
    std::map<std::string, double> storage_used_;
};

}  // namespace nbdash::botconfig
