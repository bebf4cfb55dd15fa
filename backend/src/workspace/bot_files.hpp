// Each bot's files under <bots dir>/<id>/: .nanobot/config.json (nanobot's own config, including
// the dashboard channel), .nanobot/env.json (the dashboard's runtime file for the bot) and the
// persona files in .nanobot/workspace/. Paths are built only from validated bot ids.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/json.hpp"

namespace nbdash::workspace {

struct NewBotFiles {
    std::string bot_id;
    std::string name;
    std::string model;
    double cpus = 1.0;
    std::int64_t memory_mb = 512;
    std::int64_t storage_mb = 1024;
    std::int64_t pids = 256;
};

// Where the dashboard reaches the bot's WebSocket channel, as written in config.json.
struct ChannelEndpoint {
    std::string host;
    std::uint16_t port = 0;
    std::string path = "/";
    std::string token;  // secret: never logged or returned
    std::uint16_t gateway_port = 0;
};

class BotFiles {
public:
    // The fixed chat id of the dashboard's conversation with every bot.
    static constexpr const char* kChatId = "dashboard";
    static constexpr const char* kClientId = "dashboard";

    explicit BotFiles(std::filesystem::path bots_dir);

    std::filesystem::path bot_dir(const std::string& bot_id) const;
    std::filesystem::path data_dir(const std::string& bot_id) const;  // the .nanobot folder

    // Creates the folder tree and files; throws std::system_error (and removes what it made) on
    // failure, std::invalid_argument when the folder already exists.
    void create(const NewBotFiles& spec);
    void remove(const std::string& bot_id);

    Json read_config(const std::string& bot_id) const;
    void write_config(const std::string& bot_id, const Json& config);
    Json read_env(const std::string& bot_id) const;
    void write_env(const std::string& bot_id, const Json& env);

    // Fills the freshly created files of bot_id from template_id: its config.json with every
    // secret emptied and a channel token of its own, env.json with secret values emptied,
    // persona files and skills. The new bot keeps its own name, channel and ports.
    void copy_from_template(const std::string& bot_id, const std::string& template_id);

    ChannelEndpoint channel_endpoint(const std::string& bot_id) const;
    // Points the channel and health ports at the given values (runtime-assigned free ports).
    void set_ports(const std::string& bot_id, std::uint16_t websocket_port,
                   std::uint16_t gateway_port);

private:
    std::filesystem::path bots_dir_;
};

// The config.json a new bot starts with.
Json initial_config(const NewBotFiles& spec, const std::string& channel_token);

}  // namespace nbdash::workspace
