#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config_json.hpp"

namespace simbot {

struct WebsocketConfig {
    bool enabled = true;
    std::string host = "127.0.0.1";
    int port = 8765;
    std::string path = "/";  // normalised: leading slash, no trailing slash except "/"
    std::string token;       // secret: never logged
    std::string token_issue_secret;  // secret; only checked by validation, issuing is not simulated
    bool streaming = true;
    std::vector<std::string> allow_from{"*"};
    std::size_t max_message_bytes = 37748736;
};

struct GatewayConfig {
    std::string host = "127.0.0.1";
    int port = 18790;
};

struct AgentDefaults {
    std::string model = "anthropic/claude-opus-4-5";
    std::string provider = "auto";
    std::filesystem::path workspace;  // ~ already expanded
    long long context_window_tokens = 200000;
};

struct SimConfig {
    WebsocketConfig websocket;
    GatewayConfig gateway;
    AgentDefaults agent;
    std::filesystem::path config_path;  // the file read, or the default location
    std::filesystem::path data_dir;     // config file's parent: sessions, media, webui live here
    bool from_file = false;
};

struct ConfigLoad {
    std::optional<SimConfig> config;  // set on success
    std::string error;                // names the offending key or variable; never a secret
};

// Builds the config from a parsed document (after ${NAME} substitution), validating it like
// `nanobot gateway` does at startup. `data_dir` is the folder holding config.json.
ConfigLoad parse_config(nlohmann::json doc, const std::filesystem::path& data_dir,
                        const EnvLookup& env);

// Reads `explicit_path`, or ~/.nanobot/config.json when unset (absent default = defaults).
// A missing explicit file, bad JSON, a missing ${NAME} or an invalid section is an error.
ConfigLoad load_config(const std::optional<std::string>& explicit_path, const EnvLookup& env);

// "~" and "~/x" expand from $HOME (falling back to "/"); other paths are returned unchanged.
std::string expand_home(const std::string& path, const EnvLookup& env);

}  // namespace simbot
