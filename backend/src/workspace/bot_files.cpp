#include "workspace/bot_files.hpp"

#include <stdexcept>
#include <system_error>

#include "botconfig/env_file.hpp"
#include "botconfig/secrets.hpp"
#include "common/ids.hpp"
#include "workspace/atomic_file.hpp"
#include "workspace/persona_templates.hpp"
#include "workspace/safe_files.hpp"

namespace nbdash::workspace {

namespace fs = std::filesystem;

namespace {

constexpr auto kSecretFileMode = fs::perms::owner_read | fs::perms::owner_write;
constexpr auto kPlainFileMode = kSecretFileMode | fs::perms::group_read | fs::perms::others_read;

constexpr std::size_t kMaxJsonFileBytes = 4 * 1024 * 1024;

// .nanobot/<name> of the bot, read without following links.
Json read_json_file(const fs::path& root, const std::string& name) {
    auto file = read_inside(root, {".nanobot"}, name, kMaxJsonFileBytes);
    if (!file) throw std::runtime_error("the bot has no " + name);
    auto parsed = Json::parse(file->content, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw std::runtime_error(name + " of the bot is not a JSON object");
    }
    return parsed;
}

// nanobot accepts camelCase and snake_case; read either.
const Json* member(const Json& object, const char* camel, const char* snake) {
    if (!object.is_object()) return nullptr;
    if (auto it = object.find(camel); it != object.end()) return &*it;
    if (auto it = object.find(snake); it != object.end()) return &*it;
    return nullptr;
}

}  // namespace

Json initial_config(const NewBotFiles& spec, const std::string& channel_token) {
    // The workspace stays at nanobot's HOME-relative default: HOME is the bot's folder for the
    // process runtime, and the .nanobot folder is mounted under HOME in a container.
    return Json{
        {"agents", {{"defaults", {{"model", spec.model}, {"botName", spec.name}}}}},
        {"channels",
         {{"websocket",
           {{"enabled", true},
            {"host", "127.0.0.1"},
            {"port", 8765},
            {"path", "/"},
            {"token", channel_token},
            {"websocketRequiresToken", true},
            {"allowFrom", Json::array({BotFiles::kClientId})},
            {"streaming", true}}}}},
        {"providers", Json::object()},
        {"gateway", {{"host", "127.0.0.1"}, {"port", 18790}}},
    };
}

BotFiles::BotFiles(fs::path bots_dir) : bots_dir_(std::move(bots_dir)) {}

fs::path BotFiles::bot_dir(const std::string& bot_id) const {
    if (!is_valid_bot_id(bot_id)) throw std::invalid_argument("invalid bot id");
    return bots_dir_ / bot_id;
}

fs::path BotFiles::data_dir(const std::string& bot_id) const {
    return bot_dir(bot_id) / ".nanobot";
}

void BotFiles::create(const NewBotFiles& spec) {
    fs::path root = bot_dir(spec.bot_id);
    std::error_code ec;
    if (!fs::create_directory(root, ec)) {
        if (ec) throw std::system_error(ec, "cannot create " + root.string());
        throw std::invalid_argument("a folder for this bot already exists");
    }
    try {
        fs::path data = root / ".nanobot";
        fs::create_directories(data / "workspace" / "skills");
        fs::permissions(data, fs::perms::owner_all);

        write_file_atomic(data / "config.json",
                          initial_config(spec, random_hex(24)).dump(2) + "\n", kSecretFileMode);
        Json env = {
            {"env", Json::object()},
            {"secret_env", Json::array()},
            {"resources",
             {{"cpus", spec.cpus}, {"memory_mb", spec.memory_mb},
              {"storage_mb", spec.storage_mb}, {"pids", spec.pids}}},
        };
        write_file_atomic(data / "env.json", env.dump(2) + "\n", kSecretFileMode);
        for (const auto& file : persona_templates(spec.name)) {
            write_file_atomic(data / "workspace" / file.name, file.content, kPlainFileMode);
        }
    } catch (...) {
        fs::remove_all(root, ec);
        throw;
    }
}

void BotFiles::remove(const std::string& bot_id) {
    std::error_code ec;
    fs::remove_all(bot_dir(bot_id), ec);
    if (ec) throw std::system_error(ec, "cannot remove the folder of bot " + bot_id);
}

Json BotFiles::read_config(const std::string& bot_id) const {
    return read_json_file(bot_dir(bot_id), "config.json");
}

void BotFiles::write_config(const std::string& bot_id, const Json& config) {
    write_inside(bot_dir(bot_id), {".nanobot"}, "config.json", config.dump(2) + "\n",
                 kSecretFileMode, false);
}

Json BotFiles::read_env(const std::string& bot_id) const {
    return read_json_file(bot_dir(bot_id), "env.json");
}

void BotFiles::write_env(const std::string& bot_id, const Json& env) {
    write_inside(bot_dir(bot_id), {".nanobot"}, "env.json", env.dump(2) + "\n", kSecretFileMode,
                 false);
}

void BotFiles::copy_from_template(const std::string& bot_id, const std::string& template_id) {
    fs::path from = bot_dir(template_id);
    fs::path to = bot_dir(bot_id);
    Json config = botconfig::strip_secrets(read_config(template_id));
    // The copy gets a channel token of its own; the template's is a secret of the template.
    Json& socket = config["channels"]["websocket"];
    socket["token"] = random_hex(24);
    Json own = read_config(bot_id);
    for (const char* field : {"host", "port", "path", "enabled", "allowFrom",
                              "websocketRequiresToken", "streaming"}) {
        if (own["channels"]["websocket"].contains(field)) {
            socket[field] = own["channels"]["websocket"][field];
        }
    }
    config["gateway"]["host"] = own["gateway"]["host"];
    config["gateway"]["port"] = own["gateway"]["port"];
    if (config.contains("agents") && config["agents"].is_object()) {
        config["agents"]["defaults"]["botName"] = own["agents"]["defaults"]["botName"];
    }
    write_config(bot_id, config);
    write_env(bot_id, botconfig::strip_env_secrets(read_env(template_id)));

    constexpr std::size_t kMaxCopiedFile = 4 * 1024 * 1024;
    for (auto name : persona_file_names()) {
        auto file = read_inside(from, {".nanobot", "workspace"}, name, kMaxCopiedFile);
        if (file) {
            write_inside(to, {".nanobot", "workspace"}, name, file->content, kPlainFileMode, true);
        }
    }
    // Skills are copied by their SKILL.md; helper files of hand-made skills stay behind.
    for (const auto& skill : list_dirs_inside(from, {".nanobot", "workspace", "skills"})) {
        auto file = read_inside(from, {".nanobot", "workspace", "skills", skill}, "SKILL.md",
                                kMaxCopiedFile);
        if (file) {
            write_inside(to, {".nanobot", "workspace", "skills", skill}, "SKILL.md",
                         file->content, kPlainFileMode, true);
        }
    }
}

ChannelEndpoint BotFiles::channel_endpoint(const std::string& bot_id) const {
    Json config = read_config(bot_id);
    ChannelEndpoint endpoint;
    const Json* channels = member(config, "channels", "channels");
    const Json* ws = channels ? member(*channels, "websocket", "websocket") : nullptr;
    if (!ws || !ws->is_object()) throw std::runtime_error("config.json has no websocket channel");
    endpoint.host = ws->value("host", "127.0.0.1");
    endpoint.port = static_cast<std::uint16_t>(ws->value("port", 8765));
    endpoint.path = ws->value("path", "/");
    endpoint.token = ws->value("token", "");
    const Json* gateway = member(config, "gateway", "gateway");
    endpoint.gateway_port =
        gateway ? static_cast<std::uint16_t>(gateway->value("port", 18790)) : 18790;
    return endpoint;
}

void BotFiles::set_ports(const std::string& bot_id, std::uint16_t websocket_port,
                         std::uint16_t gateway_port) {
    Json config = read_config(bot_id);
    config["channels"]["websocket"]["port"] = websocket_port;
    config["gateway"]["port"] = gateway_port;
    write_config(bot_id, config);
}

}  // namespace nbdash::workspace
