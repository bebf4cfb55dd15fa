#include "botconfig/config_service.hpp"

#include <algorithm>
#include <system_error>

#include "botconfig/config_rules.hpp"
#include "botconfig/env_file.hpp"
#include "botconfig/secrets.hpp"
#include "botconfig/skill_file.hpp"
#include "botconfig/text_checks.hpp"
#include "botconfig/text_diff.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "db/record_json.hpp"
#include "runtime/resources.hpp"
#include "workspace/persona_templates.hpp"
#include "workspace/safe_files.hpp"

namespace nbdash::botconfig {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using workspace::PathParts;

namespace {

constexpr auto kSecretMode = fs::perms::owner_read | fs::perms::owner_write;
constexpr auto kPlainMode = kSecretMode | fs::perms::group_read | fs::perms::others_read;
constexpr std::size_t kMaxJsonBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxSkillBytes = 256 * 1024;
const char* const kAbsentEtag = "\"absent\"";

const PathParts kDataDir = {".nanobot"};
const PathParts kWorkspaceDir = {".nanobot", "workspace"};
const PathParts kSkillsDir = {".nanobot", "workspace", "skills"};

// ETags compare without quotes or a weak marker, so a client may send either form.
std::string bare_etag(std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
        tag = tag.substr(1, tag.size() - 2);
    }
    return std::string(tag);
}

void check_etag(const std::string& file, const std::string& current,
                const std::optional<std::string>& if_match) {
    if (!if_match) return;
    if (bare_etag(*if_match) != bare_etag(current)) {
        throw Conflict("stale_etag", file + " changed since it was loaded (by another save or by "
                                            "the bot itself); reload it and apply the change "
                                            "again");
    }
}

[[noreturn]] void write_failed(const std::string& file, const std::system_error& e) {
    log::error("writing a bot file failed", {log::kv("file", file), log::kv("error", e.what())});
    throw ApiError(507, "write_failed",
                   "could not save " + file + " (" + e.code().message() +
                       "); the previous version is unchanged");
}

bool is_persona_file(const std::string& name) {
    const auto& names = workspace::persona_file_names();
    return std::find(names.begin(), names.end(), name) != names.end();
}

Json parse_object_file(const std::string& name, const std::string& text) {
    Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw ApiError(500, "file_unreadable", name + " of this bot is not a JSON object");
    }
    return parsed;
}

Json env_view(const Json& env, const std::string& etag, std::optional<double> used) {
    runtime::Resources defaults;
    Json stored = env.value("resources", Json::object());
    if (!stored.is_object()) stored = Json::object();
    Json resources = {{"cpus", stored.value("cpus", Json(defaults.cpus))},
                      {"memory_mb", stored.value("memory_mb", Json(defaults.memory_mb))},
                      {"storage_mb", stored.value("storage_mb", Json(defaults.storage_mb))},
                      {"pids", stored.value("pids", Json(defaults.pids))}};
    return Json{{"etag", etag},
                {"variables", variables_json(env_variables(env))},
                {"resources", resources},
                {"limits", runtime::to_json(runtime::quota_limits())},
                {"storage_used_mb", used ? Json(*used) : Json()}};
}

struct RawFile {
    bool exists = false;
    std::string content;
    std::string etag = kAbsentEtag;
    std::int64_t modified_unix = 0;
};

RawFile read_raw(const fs::path& root, const PathParts& dirs, const std::string& name,
                 std::size_t max_bytes) {
    RawFile raw;
    auto file = workspace::read_inside(root, dirs, name, max_bytes);
    if (file) {
        raw.exists = true;
        raw.content = std::move(file->content);
        raw.etag = ConfigService::etag_of(raw.content);
        raw.modified_unix = file->info.modified_unix;
    }
    return raw;
}

std::string iso_from_unix(std::int64_t seconds) {
    std::time_t t = seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

Json revision_json(const db::RevisionRecord& r) {
    std::string summary;
    if (r.changed.is_array()) {
        for (const auto& path : r.changed) {
            if (!summary.empty()) summary += ", ";
            summary += path.is_string() ? path.get<std::string>() : path.dump();
        }
    }
    if (summary.empty()) summary = r.actor == "system" ? "version before the first change" : "";
    return Json{{"revision", r.id},   {"file", r.file_name}, {"actor", r.actor},
                {"summary", summary}, {"changed", r.changed}, {"created_at", r.created_at}};
}

}  // namespace

struct ConfigService::Saved {
    std::string file;
    bool existed = false;
    std::string redacted_before;
    std::string redacted_after;
    std::vector<std::string> changed;
    bool needs_restart = false;
};

ConfigService::ConfigService(ConfigDeps deps) : deps_(deps) {}

std::string ConfigService::etag_of(std::string_view content) {
    return "\"" + token_digest(content).substr(0, 32) + "\"";
}

std::mutex& ConfigService::bot_lock(const std::string& bot_id) {
    std::lock_guard guard(locks_mutex_);
    auto& slot = locks_[bot_id];
    if (!slot) slot = std::make_unique<std::mutex>();
    return *slot;
}

void ConfigService::set_storage_used(const std::string& bot_id, double megabytes) {
    std::lock_guard guard(storage_mutex_);
    storage_used_[bot_id] = megabytes;
}

std::optional<double> ConfigService::storage_used(const std::string& bot_id) const {
    std::lock_guard guard(storage_mutex_);
    auto it = storage_used_.find(bot_id);
    if (it == storage_used_.end()) return std::nullopt;
    return it->second;
}

asio::awaitable<db::BotRecord> ConfigService::require_bot(const std::string& bot_id) {
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await deps_.bots.find(bot_id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");
    co_return *bot;
}

// Revisions, the event, the browsers' frame and the restart flag for what was just saved.
asio::awaitable<void> ConfigService::announce(const db::BotRecord& bot, std::vector<Saved> saved,
                                              std::string actor, Json& response) {
    bool restart = false;
    for (auto& item : saved) {
        db::RevisionRecord revision;
        revision.bot_id = bot.id;
        revision.file_name = item.file;
        revision.content = item.redacted_after;
        revision.changed = item.changed;
        revision.actor = actor;
        std::optional<std::string> baseline;
        if (item.existed) baseline = item.redacted_before;
        std::optional<std::int64_t> revision_id;
        try {
            auto stored = co_await deps_.revisions.add(revision, baseline);
            revision_id = stored.id;
        } catch (const std::exception& e) {
            // The file is saved; only its history entry is missing.
            log::error("storing a revision failed",
                       {log::kv("bot_id", bot.id), log::kv("file", item.file),
                        log::kv("error", e.what())});
        }
        response["revision"] = revision_id ? Json(*revision_id) : Json();
        bool running = bot.docker_status == "running" || bot.docker_status == "restarting";
        bool needs_restart = item.needs_restart && running;
        restart = restart || needs_restart;

        std::string detail = item.file + ": ";
        for (std::size_t i = 0; i < item.changed.size(); ++i) {
            detail += (i ? ", " : "") + item.changed[i];
        }
        db::EventRecord event;
        event.bot_id = bot.id;
        event.event_type = "config_changed";
        event.detail = detail;
        event.metadata = {{"file", item.file},
                          {"revision", response["revision"]},
                          {"changed", item.changed},
                          {"needs_restart", needs_restart},
                          {"actor", actor}};
        auto stored_event = co_await deps_.events.record(event);
        deps_.hub.publish(realtime::Hub::kFleetTopic,
                          {{"type", "event"}, {"event", db::to_json(stored_event)}});
        deps_.hub.publish(realtime::Hub::kFleetTopic,
                          {{"type", "config_changed"},
                           {"bot_id", bot.id},
                           {"file", item.file},
                           {"revision", response["revision"]},
                           {"changed", item.changed},
                           {"needs_restart", needs_restart}});
        log::info("bot file saved", {log::kv("bot_id", bot.id), log::kv("file", item.file),
                                     log::kv("changes", item.changed.size())});
    }
    bool flag = bot.needs_restart;
    if (restart && !bot.needs_restart) {
        auto updated = co_await deps_.bots.set_needs_restart(bot.id, true);
        if (updated) {
            deps_.hub.publish(realtime::Hub::kFleetTopic,
                              {{"type", "bot_status"}, {"bot", db::to_json(*updated)}});
        }
        flag = true;
    }
    response["needs_restart"] = flag;
}

// ---- config.json and env.json ------------------------------------------------------------

asio::awaitable<Json> ConfigService::get_config(std::string bot_id) {
    auto bot = co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    RawFile raw = co_await deps_.blocking.run([&] {
        return read_raw(root, kDataDir, "config.json", kMaxJsonBytes);
    });
    if (!raw.exists) throw ApiError(500, "file_unreadable", "this bot has no config.json");
    Json config = parse_object_file("config.json", raw.content);
    co_return Json{{"etag", raw.etag},
                   {"config", mask_config(config)},
                   {"needs_restart", bot.needs_restart}};
}

asio::awaitable<Json> ConfigService::put_config(std::string bot_id, std::string if_match,
                                                Json incoming, std::string actor) {
    validate_config(incoming);
    ConfigEdit edit = [incoming](Json& config, Json&) {
        Json next = incoming;
        auto unresolved = keep_masked_secrets(next, config);
        if (!unresolved.empty()) {
            throw ClientError("unknown_masked_secret",
                              "a masked value was sent for " + unresolved.front() +
                                  ", which has no stored secret to keep; enter the value");
        }
        config = std::move(next);
    };
    return save_config_files(std::move(bot_id), "config.json", std::move(if_match),
                             std::move(edit), std::move(actor), "config.json");
}

asio::awaitable<Json> ConfigService::edit_config(std::string bot_id,
                                                 std::optional<std::string> if_match,
                                                 ConfigEdit edit, std::string actor) {
    return save_config_files(std::move(bot_id), "config.json", std::move(if_match),
                             std::move(edit), std::move(actor), "config.json");
}

asio::awaitable<Json> ConfigService::put_env(std::string bot_id, std::string if_match,
                                             Json request, std::string actor) {
    ConfigEdit edit = [request](Json&, Json& env) { env = apply_env_request(env, request); };
    return save_config_files(std::move(bot_id), "env.json", std::move(if_match), std::move(edit),
                             std::move(actor), "env.json");
}

asio::awaitable<Json> ConfigService::save_config_files(std::string bot_id,
                                                       std::string precondition_file,
                                                       std::optional<std::string> if_match,
                                                       ConfigEdit edit, std::string actor,
                                                       std::string response_file) {
    auto bot = co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    struct Outcome {
        std::vector<Saved> saved;
        Json response;
    };
    std::mutex& lock = bot_lock(bot_id);
    Outcome outcome = co_await deps_.blocking.run([&] {
        std::lock_guard guard(lock);
        RawFile config_raw = read_raw(root, kDataDir, "config.json", kMaxJsonBytes);
        RawFile env_raw = read_raw(root, kDataDir, "env.json", kMaxJsonBytes);
        if (!config_raw.exists) throw ApiError(500, "file_unreadable", "this bot has no config.json");
        check_etag(precondition_file,
                   precondition_file == "env.json" ? env_raw.etag : config_raw.etag, if_match);
        const Json old_config = parse_object_file("config.json", config_raw.content);
        const Json old_env = env_raw.exists ? parse_object_file("env.json", env_raw.content)
                                            : Json::object();
        Json config = old_config;
        Json env = old_env;
        edit(config, env);
        validate_config(config);
        check_protected_fields(old_config, config);
        runtime::resources_from_env(env);

        Outcome out;
        std::string config_text = config_raw.content;
        std::string env_text = env_raw.content;
        try {
            if (env != old_env) {
                env_text = env.dump(2) + "\n";
                workspace::write_inside(root, kDataDir, "env.json", env_text, kSecretMode, false);
                Saved saved{"env.json", env_raw.exists, redact_env(old_env).dump(2),
                            redact_env(env).dump(2), changed_paths(old_env, env), true};
                out.saved.push_back(std::move(saved));
            }
        } catch (const std::system_error& e) {
            write_failed("env.json", e);
        }
        try {
            if (config != old_config) {
                config_text = config.dump(2) + "\n";
                workspace::write_inside(root, kDataDir, "config.json", config_text, kSecretMode,
                                        false);
                auto changed = changed_paths(old_config, config);
                Saved saved{"config.json", true, redact_config(old_config).dump(2),
                            redact_config(config).dump(2), changed,
                            config_change_needs_restart(changed)};
                out.saved.push_back(std::move(saved));
            }
        } catch (const std::system_error& e) {
            write_failed("config.json", e);
        }
        if (response_file == "env.json") {
            out.response = env_view(env, etag_of(env_text), storage_used(bot_id));
        } else {
            out.response = Json{{"etag", etag_of(config_text)}, {"config", mask_config(config)}};
        }
        return out;
    });
    Json response = std::move(outcome.response);
    response["revision"] = nullptr;
    response["needs_restart"] = bot.needs_restart;
    co_await announce(bot, std::move(outcome.saved), actor, response);
    co_return response;
}

asio::awaitable<Json> ConfigService::get_env(std::string bot_id) {
    co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    RawFile raw = co_await deps_.blocking.run([&] {
        return read_raw(root, kDataDir, "env.json", kMaxJsonBytes);
    });
    Json env = raw.exists ? parse_object_file("env.json", raw.content) : Json::object();
    co_return env_view(env, raw.etag, storage_used(bot_id));
}

// ---- persona files -----------------------------------------------------------------------

asio::awaitable<Json> ConfigService::list_files(std::string bot_id) {
    co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    Json files = co_await deps_.blocking.run([&] {
        Json list = Json::array();
        for (auto name : workspace::persona_file_names()) {
            RawFile raw = read_raw(root, kWorkspaceDir, std::string(name), kMaxJsonBytes);
            list.push_back({{"name", name},
                            {"size", raw.content.size()},
                            {"etag", raw.etag},
                            {"exists", raw.exists},
                            {"modified_at", raw.exists ? Json(iso_from_unix(raw.modified_unix))
                                                       : Json()}});
        }
        return list;
    });
    co_return Json{{"files", files}};
}

asio::awaitable<Json> ConfigService::get_file(std::string bot_id, std::string name) {
    if (!is_persona_file(name)) {
        throw NotFound("unknown_file", "only AGENTS.md, SOUL.md, USER.md, TOOLS.md and "
                                       "HEARTBEAT.md can be read here");
    }
    co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    RawFile raw = co_await deps_.blocking.run([&] {
        return read_raw(root, kWorkspaceDir, name, kMaxJsonBytes);
    });
    co_return Json{{"name", name},
                   {"content", raw.content},
                   {"etag", raw.etag},
                   {"size", raw.content.size()}};
}

asio::awaitable<Json> ConfigService::put_file(std::string bot_id, std::string name,
                                              std::string if_match, std::string content,
                                              std::string actor) {
    if (!is_persona_file(name)) {
        throw NotFound("unknown_file", "only AGENTS.md, SOUL.md, USER.md, TOOLS.md and "
                                       "HEARTBEAT.md can be written here");
    }
    auto limit = static_cast<std::size_t>(
        deps_.settings.get_int("bots.max_persona_file_bytes", 256 * 1024));
    if (content.size() > limit) {
        throw ApiError(413, "file_too_large",
                       name + " may be at most " + std::to_string(limit) + " bytes");
    }
    if (!is_utf8_text(content)) {
        throw ClientError("invalid_text", name + " must be UTF-8 text without NUL characters");
    }
    auto bot = co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    std::optional<std::string> precondition;
    if (!if_match.empty()) precondition = if_match;
    std::mutex& lock = bot_lock(bot_id);
    struct Outcome {
        std::vector<Saved> saved;
        std::string etag;
    };
    Outcome outcome = co_await deps_.blocking.run([&] {
        std::lock_guard guard(lock);
        RawFile raw = read_raw(root, kWorkspaceDir, name, kMaxJsonBytes);
        check_etag(name, raw.etag, precondition);
        Outcome out;
        out.etag = etag_of(content);
        if (raw.exists && raw.content == content) return out;
        try {
            workspace::write_inside(root, kWorkspaceDir, name, content, kPlainMode, true);
        } catch (const std::system_error& e) {
            write_failed(name, e);
        }
        out.saved.push_back(Saved{name, raw.exists, raw.content, content, {"content"}, false});
        return out;
    });
    Json response = {{"name", name},
                     {"content", content},
                     {"etag", outcome.etag},
                     {"size", content.size()},
                     {"revision", nullptr},
                     {"needs_restart", bot.needs_restart}};
    co_await announce(bot, std::move(outcome.saved), actor, response);
    co_return response;
}

// ---- revisions ---------------------------------------------------------------------------

asio::awaitable<Json> ConfigService::list_revisions(std::string bot_id,
                                                    std::optional<std::string> file, int limit) {
    co_await require_bot(bot_id);
    auto revisions = co_await deps_.revisions.list(bot_id, file, limit);
    Json list = Json::array();
    for (const auto& r : revisions) list.push_back(revision_json(r));
    co_return Json{{"revisions", list}};
}

asio::awaitable<Json> ConfigService::get_revision(std::string bot_id, std::int64_t id) {
    co_await require_bot(bot_id);
    auto [revision, previous] = co_await deps_.revisions.find_with_previous(bot_id, id);
    if (!revision) throw NotFound("revision_not_found", "this bot has no such revision");
    Json out = revision_json(*revision);
    out["content"] = revision->content;
    out["previous_revision"] = previous ? Json(previous->id) : Json();
    std::string label = revision->file_name + "@" + std::to_string(revision->id);
    out["diff"] = previous ? unified_diff(previous->content, revision->content,
                                          revision->file_name + "@" + std::to_string(previous->id),
                                          label)
                           : unified_diff("", revision->content, "/dev/null", label);
    co_return out;
}

asio::awaitable<Json> ConfigService::restore_revision(std::string bot_id, std::int64_t id,
                                                      std::optional<std::string> if_match,
                                                      std::string actor) {
    co_await require_bot(bot_id);
    auto found = co_await deps_.revisions.find_with_previous(bot_id, id);
    if (!found.first) throw NotFound("revision_not_found", "this bot has no such revision");
    db::RevisionRecord revision = *found.first;
    std::string restore_actor = actor + " (restored revision " + std::to_string(id) + ")";

    if (is_persona_file(revision.file_name)) {
        std::string precondition = if_match.value_or("");
        Json out = co_await put_file(bot_id, revision.file_name, precondition, revision.content,
                                     restore_actor);
        out["secrets_not_restored"] = Json::array();
        co_return out;
    }
    Json parsed = parse_object_file(revision.file_name, revision.content);
    auto unresolved = std::make_shared<std::vector<std::string>>();
    ConfigEdit edit;
    if (revision.file_name == "config.json") {
        edit = [parsed, unresolved](Json& config, Json&) {
            Json next = parsed;
            // The dashboard's channel and ports are whatever they are now (ports change on
            // every start); an old revision must not move them.
            for (const char* field : {"enabled", "host", "port", "path", "token",
                                      "websocketRequiresToken", "allowFrom", "streaming"}) {
                if (config.contains("channels") && config["channels"].contains("websocket") &&
                    config["channels"]["websocket"].contains(field)) {
                    next["channels"]["websocket"][field] = config["channels"]["websocket"][field];
                }
            }
            if (config.contains("gateway")) {
                for (const char* field : {"host", "port"}) {
                    if (config["gateway"].contains(field)) {
                        next["gateway"][field] = config["gateway"][field];
                    }
                }
            }
            *unresolved = keep_masked_secrets(next, config);
            config = std::move(next);
        };
    } else {
        edit = [parsed, unresolved](Json&, Json& env) {
            auto current = env_variables(env);
            Json variables = Json::array();
            for (const auto& v : env_variables(parsed)) {
                std::string value = v.value;
                if (v.secret && value == kMask) {
                    bool kept = std::any_of(current.begin(), current.end(), [&v](const EnvVariable& c) {
                        return c.name == v.name && c.secret;
                    });
                    if (!kept) {
                        value = "";
                        unresolved->push_back("env." + v.name);
                    }
                }
                variables.push_back({{"name", v.name}, {"value", value}, {"secret", v.secret}});
            }
            Json request = {{"variables", variables}};
            if (parsed.contains("resources") && parsed["resources"].is_object()) {
                request["resources"] = parsed["resources"];
            }
            env = apply_env_request(env, request);
        };
    }
    Json out = co_await save_config_files(bot_id, revision.file_name, if_match, edit,
                                          restore_actor, revision.file_name);
    out["secrets_not_restored"] = *unresolved;
    co_return out;
}

// ---- skills ------------------------------------------------------------------------------

asio::awaitable<Json> ConfigService::list_skills(std::string bot_id) {
    co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    struct Installed {
        std::string folder;
        std::string content;
        std::optional<SkillFrontMatter> front;
    };
    std::vector<Installed> installed = co_await deps_.blocking.run([&] {
        std::vector<Installed> out;
        for (const auto& folder : workspace::list_dirs_inside(root, kSkillsDir)) {
            try {
                PathParts dirs = kSkillsDir;
                dirs.push_back(folder);
                auto file = workspace::read_inside(root, dirs, "SKILL.md", kMaxSkillBytes);
                if (!file) continue;
                out.push_back({folder, file->content, read_front_matter(file->content)});
            } catch (const std::exception&) {
                // An unreadable or linked skill folder is not listed (nanobot skips it too).
            }
        }
        return out;
    });
    std::vector<std::string> keys;
    for (const auto& skill : installed) keys.push_back(skill.folder);
    auto market = co_await deps_.skills.find_by_keys(keys);
    Json list = Json::array();
    for (const auto& skill : installed) {
        auto item = std::find_if(market.begin(), market.end(), [&skill](const db::SkillRecord& m) {
            return m.skill_key == skill.folder;
        });
        bool from_market = item != market.end();
        list.push_back({{"name", skill.folder},
                        {"description", skill.front ? skill.front->description : ""},
                        {"source", from_market ? "market" : "custom"},
                        {"market_id", from_market ? Json(item->id) : Json()},
                        {"modified", from_market && item->skill_md != skill.content}});
    }
    co_return Json{{"skills", list}};
}

asio::awaitable<Json> ConfigService::install_skill(std::string bot_id, std::string skill_key,
                                                   bool replace) {
    if (!is_valid_skill_key(skill_key)) {
        throw ClientError("invalid_skill_key", "skill_key must match ^[a-z0-9][a-z0-9-]{0,63}$");
    }
    co_await require_bot(bot_id);
    auto item = co_await deps_.skills.find_by_key(skill_key);
    if (!item || !item->enabled) {
        throw NotFound("skill_not_found", "the market has no skill '" + skill_key + "'");
    }
    fs::path root = deps_.files.bot_dir(bot_id);
    std::mutex& lock = bot_lock(bot_id);
    std::string content = item->skill_md;
    co_await deps_.blocking.run([&] {
        std::lock_guard guard(lock);
        PathParts dirs = kSkillsDir;
        dirs.push_back(skill_key);
        auto existing = workspace::read_inside(root, dirs, "SKILL.md", kMaxSkillBytes);
        if (existing && !replace) {
            throw Conflict("skill_installed", "the bot already has a skill named '" + skill_key +
                                                  "'; send replace: true to overwrite it");
        }
        try {
            workspace::write_inside(root, dirs, "SKILL.md", content, kPlainMode, true);
        } catch (const std::system_error& e) {
            write_failed("SKILL.md", e);
        }
        return 0;
    });
    db::EventRecord event;
    event.bot_id = bot_id;
    event.event_type = "skill_installed";
    event.detail = "skill " + skill_key + " " + item->version + " installed from the market";
    event.metadata = {{"skill", skill_key}, {"version", item->version}};
    auto stored = co_await deps_.events.record(event);
    deps_.hub.publish(realtime::Hub::kFleetTopic, {{"type", "event"}, {"event", db::to_json(stored)}});
    auto front = read_front_matter(content);
    co_return Json{{"name", skill_key},
                   {"description", front ? front->description : item->description},
                   {"source", "market"},
                   {"market_id", item->id},
                   {"modified", false}};
}

asio::awaitable<void> ConfigService::remove_skill(std::string bot_id, std::string name) {
    workspace::check_component(name);
    if (name.front() == '.') throw NotFound("skill_not_found", "no installed skill '" + name + "'");
    co_await require_bot(bot_id);
    fs::path root = deps_.files.bot_dir(bot_id);
    std::mutex& lock = bot_lock(bot_id);
    bool removed = co_await deps_.blocking.run([&] {
        std::lock_guard guard(lock);
        return workspace::remove_inside(root, kSkillsDir, name);
    });
    if (!removed) throw NotFound("skill_not_found", "no installed skill '" + name + "'");
    db::EventRecord event;
    event.bot_id = bot_id;
    event.event_type = "skill_removed";
    event.detail = "skill " + name + " removed";
    event.metadata = {{"skill", name}};
    auto stored = co_await deps_.events.record(event);
    deps_.hub.publish(realtime::Hub::kFleetTopic, {{"type", "event"}, {"event", db::to_json(stored)}});
}

}  // namespace nbdash::botconfig
