#include "sim_config.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "host_address.hpp"

namespace simbot {

namespace {

// Thrown inside this file only; parse_config turns it into ConfigLoad::error.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const std::set<std::string> kTopLevelKeys = {"agents", "channels", "transcription", "providers",
                                             "api", "gateway", "tools", "modelPresets",
                                             "model_presets"};

template <typename T>
void read_value(const nlohmann::json& section, const char* key, const std::string& where, T& out)
{
    const nlohmann::json* value = find_key(section, key);
    if (value == nullptr || value->is_null()) {
        return;
    }
    try {
        out = value->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw ConfigError(where + "." + snake_to_camel(key) + " has the wrong type");
    }
}

const nlohmann::json& section_of(const nlohmann::json& parent, const char* key,
                                 const std::string& where)
{
    static const nlohmann::json kEmpty = nlohmann::json::object();
    const nlohmann::json* value = find_key(parent, key);
    if (value == nullptr || value->is_null()) {
        return kEmpty;
    }
    if (!value->is_object()) {
        throw ConfigError(where + "." + snake_to_camel(key) + " must be an object");
    }
    return *value;
}

void check_port(int port, const std::string& key)
{
    if (port < 0 || port > 65535) {
        throw ConfigError(key + " must be between 0 and 65535");
    }
}

std::string normalise_path(std::string path)
{
    if (path.empty() || path.front() != '/') {
        throw ConfigError("channels.websocket.path must start with '/'");
    }
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    return path;
}

WebsocketConfig read_websocket(const nlohmann::json& channels)
{
    const std::string where = "channels.websocket";
    const auto& ws = section_of(channels, "websocket", "channels");
    WebsocketConfig cfg;
    read_value(ws, "enabled", where, cfg.enabled);
    read_value(ws, "host", where, cfg.host);
    read_value(ws, "port", where, cfg.port);
    read_value(ws, "path", where, cfg.path);
    read_value(ws, "token", where, cfg.token);
    read_value(ws, "token_issue_secret", where, cfg.token_issue_secret);
    read_value(ws, "streaming", where, cfg.streaming);
    read_value(ws, "allow_from", where, cfg.allow_from);
    read_value(ws, "max_message_bytes", where, cfg.max_message_bytes);

    check_port(cfg.port, where + ".port");
    cfg.path = normalise_path(cfg.path);
    const auto address = parse_host(cfg.host);
    if (!address) {
        throw ConfigError(where + ".host must be a numeric address (or localhost)");
    }
    if (address->is_unspecified() && cfg.token.empty() && cfg.token_issue_secret.empty()) {
        throw ConfigError(where + ".host " + cfg.host +
                          " listens on every interface and needs token or tokenIssueSecret");
    }
    return cfg;
}

GatewayConfig read_gateway(const nlohmann::json& doc)
{
    const auto& gw = section_of(doc, "gateway", "config");
    GatewayConfig cfg;
    read_value(gw, "host", "gateway", cfg.host);
    read_value(gw, "port", "gateway", cfg.port);
    check_port(cfg.port, "gateway.port");
    if (!parse_host(cfg.host)) {
        throw ConfigError("gateway.host must be a numeric address (or localhost)");
    }
    return cfg;
}

AgentDefaults read_agent(const nlohmann::json& doc, const EnvLookup& env)
{
    const auto& agents = section_of(doc, "agents", "config");
    const auto& defaults = section_of(agents, "defaults", "agents");
    AgentDefaults cfg;
    std::string workspace = "~/.nanobot/workspace";
    read_value(defaults, "model", "agents.defaults", cfg.model);
    read_value(defaults, "provider", "agents.defaults", cfg.provider);
    read_value(defaults, "workspace", "agents.defaults", workspace);
    read_value(defaults, "context_window_tokens", "agents.defaults", cfg.context_window_tokens);
    cfg.workspace = expand_home(workspace, env);
    return cfg;
}

}  // namespace

std::string expand_home(const std::string& path, const EnvLookup& env)
{
    if (path != "~" && path.rfind("~/", 0) != 0) {
        return path;
    }
    std::string home = env("HOME").value_or("/");
    if (home.empty()) {
        home = "/";
    }
    if (path == "~") {
        return home;
    }
    if (home.back() == '/') {
        home.pop_back();
    }
    return home + path.substr(1);
}

ConfigLoad parse_config(nlohmann::json doc, const std::filesystem::path& data_dir,
                        const EnvLookup& env)
{
    if (!doc.is_object()) {
        return {std::nullopt, "config must be a JSON object"};
    }
    if (auto missing = substitute_env(doc, env)) {
        return {std::nullopt, "missing_env: environment variable " + *missing +
                                  " is referenced as ${" + *missing + "} but not set"};
    }
    for (const auto& [key, value] : doc.items()) {
        if (!kTopLevelKeys.contains(key)) {
            return {std::nullopt, "unknown top-level key '" + key + "' (extra inputs are not "
                                  "permitted)"};
        }
    }

    try {
        SimConfig cfg;
        cfg.websocket = read_websocket(section_of(doc, "channels", "config"));
        cfg.gateway = read_gateway(doc);
        cfg.agent = read_agent(doc, env);
        cfg.data_dir = data_dir;
        return {std::move(cfg), ""};
    } catch (const ConfigError& e) {
        return {std::nullopt, e.what()};
    }
}

ConfigLoad load_config(const std::optional<std::string>& explicit_path, const EnvLookup& env)
{
    namespace fs = std::filesystem;
    const fs::path path = explicit_path ? fs::path(expand_home(*explicit_path, env))
                                        : fs::path(expand_home("~/.nanobot/config.json", env));
    const fs::path absolute = fs::absolute(path).lexically_normal();

    std::error_code ec;
    if (!fs::is_regular_file(absolute, ec)) {
        if (explicit_path) {
            return {std::nullopt, "config file not found: " + absolute.string()};
        }
        auto result = parse_config(nlohmann::json::object(), absolute.parent_path(), env);
        if (result.config) {
            result.config->config_path = absolute;
        }
        return result;
    }

    std::ifstream in(absolute, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_discarded()) {
        return {std::nullopt, "config file is not valid JSON: " + absolute.string()};
    }
    auto result = parse_config(std::move(doc), absolute.parent_path(), env);
    if (result.config) {
        result.config->config_path = absolute;
        result.config->from_file = true;
    }
    return result;
}

}  // namespace simbot
