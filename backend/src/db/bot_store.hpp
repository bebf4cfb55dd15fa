// bot_instance: the index of bots and their runtime state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"

namespace nbdash::db {

struct BotRecord {
    std::string id;
    std::string name;
    bool enabled = false;
    bool has_access_password = false;
    std::string workspace_dir;
    std::string docker_status = "absent";
    std::string current_state = "stopped";
    std::string last_action = "create";
    std::optional<std::string> state_detail;
    std::string image_tag;
    // A saved change applies only when the bot starts again.
    bool needs_restart = false;
    std::string created_at;
    std::string updated_at;
};

// A change of runtime state; unset fields keep their stored value.
// Pass a named variable to the coroutines that take one: g++ 12 destroys a braced temporary
// aggregate written inside a co_await expression twice.
struct BotStateChange {
    std::optional<std::string> docker_status;
    std::optional<std::string> current_state;
    std::optional<std::string> last_action;
    std::optional<bool> enabled;
    // Replaces state_detail when set; an empty string clears it.
    std::optional<std::string> state_detail;
};

class BotStore {
public:
    explicit BotStore(Database& db);

    boost::asio::awaitable<std::vector<BotRecord>> list();
    boost::asio::awaitable<std::optional<BotRecord>> find(std::string id);
    // Inserts a new bot; nullopt when the id (or its folder) is taken.
    boost::asio::awaitable<std::optional<BotRecord>> insert(BotRecord bot);
    boost::asio::awaitable<bool> remove(std::string id);
    // Sets the display name; nullopt when the bot is gone.
    boost::asio::awaitable<std::optional<BotRecord>> rename(std::string id, std::string name);
    // Applies the change and returns the row as stored; nullopt when the bot is gone.
    boost::asio::awaitable<std::optional<BotRecord>> update_state(std::string id,
                                                                  BotStateChange change);
    // Sets needs_restart; nullopt when the bot is gone or the flag already had that value.
    boost::asio::awaitable<std::optional<BotRecord>> set_needs_restart(std::string id, bool value);
    // Records what the dashboard channel reports (ready, busy, degraded), but only while the
    // bot is meant to run and its runtime says it runs: a late report from a channel that is
    // closing must not overwrite "stopped" or "error". Returns the new row and the state it
    // replaced; nullopt when nothing changed.
    boost::asio::awaitable<std::optional<std::pair<BotRecord, std::string>>> update_channel_state(
        std::string id, std::string state, std::string detail);

private:
    Database& db_;
};

}  // namespace nbdash::db
