#include "botconfig/config_rules.hpp"

#include <algorithm>
#include <set>

#include "botconfig/env_file.hpp"
#include "botconfig/secrets.hpp"
#include "common/errors.hpp"

namespace nbdash::botconfig {

namespace {

enum class Type { kObject, kString, kOptionalString, kInteger, kNumber, kBoolean, kStringList, kArray };

struct FieldRule {
    // Normalized keys; "*" matches any one key.
    std::vector<const char*> path;
    Type type;
};

// The fields nanobot types strictly and the dashboard reads; a wrong type here would stop the
// bot at start, so it is refused at save.
const std::vector<FieldRule>& field_rules() {
    static const std::vector<FieldRule> rules = {
        {{"agents"}, Type::kObject},
        {{"agents", "defaults"}, Type::kObject},
        {{"agents", "defaults", "model"}, Type::kString},
        {{"agents", "defaults", "provider"}, Type::kString},
        {{"agents", "defaults", "modelpreset"}, Type::kOptionalString},
        {{"agents", "defaults", "maxtokens"}, Type::kInteger},
        {{"agents", "defaults", "contextwindowtokens"}, Type::kInteger},
        {{"agents", "defaults", "temperature"}, Type::kNumber},
        {{"agents", "defaults", "reasoningeffort"}, Type::kOptionalString},
        {{"agents", "defaults", "maxtooliterations"}, Type::kInteger},
        {{"agents", "defaults", "timezone"}, Type::kString},
        {{"agents", "defaults", "botname"}, Type::kString},
        {{"agents", "defaults", "workspace"}, Type::kString},
        {{"agents", "defaults", "unifiedsession"}, Type::kBoolean},
        {{"agents", "defaults", "disabledskills"}, Type::kStringList},
        {{"agents", "defaults", "fallbackmodels"}, Type::kArray},
        {{"channels"}, Type::kObject},
        {{"channels", "sendprogress"}, Type::kBoolean},
        {{"channels", "sendtoolhints"}, Type::kBoolean},
        {{"channels", "showreasoning"}, Type::kBoolean},
        {{"channels", "sendmaxretries"}, Type::kInteger},
        {{"channels", "*", "enabled"}, Type::kBoolean},
        {{"channels", "*", "allowfrom"}, Type::kStringList},
        {{"providers"}, Type::kObject},
        {{"providers", "*"}, Type::kObject},
        {{"providers", "*", "apikey"}, Type::kOptionalString},
        {{"providers", "*", "apibase"}, Type::kOptionalString},
        {{"providers", "*", "apitype"}, Type::kOptionalString},
        {{"providers", "*", "proxy"}, Type::kOptionalString},
        {{"providers", "*", "extraheaders"}, Type::kObject},
        {{"gateway"}, Type::kObject},
        {{"gateway", "host"}, Type::kString},
        {{"gateway", "port"}, Type::kInteger},
        {{"gateway", "heartbeat"}, Type::kObject},
        {{"gateway", "heartbeat", "enabled"}, Type::kBoolean},
        {{"gateway", "heartbeat", "intervals"}, Type::kInteger},
        {{"api"}, Type::kObject},
        {{"api", "port"}, Type::kInteger},
        {{"tools"}, Type::kObject},
        {{"transcription"}, Type::kObject},
        {{"modelpresets"}, Type::kObject},
        {{"modelpresets", "*"}, Type::kObject},
        {{"modelpresets", "*", "model"}, Type::kString},
    };
    return rules;
}

const char* type_name(Type type) {
    switch (type) {
        case Type::kObject: return "an object";
        case Type::kString: return "a string";
        case Type::kOptionalString: return "a string or null";
        case Type::kInteger: return "an integer";
        case Type::kNumber: return "a number";
        case Type::kBoolean: return "true or false";
        case Type::kStringList: return "a list of strings";
        case Type::kArray: return "a list";
    }
    return "?";
}

bool has_type(const Json& value, Type type) {
    switch (type) {
        case Type::kObject: return value.is_object();
        case Type::kString: return value.is_string();
        case Type::kOptionalString: return value.is_string() || value.is_null();
        case Type::kInteger: return value.is_number_integer();
        case Type::kNumber: return value.is_number();
        case Type::kBoolean: return value.is_boolean();
        case Type::kArray: return value.is_array();
        case Type::kStringList:
            return value.is_array() && std::all_of(value.begin(), value.end(),
                                                   [](const Json& v) { return v.is_string(); });
    }
    return false;
}

// Applies every rule whose path matches below node (a generic walk over the rule table).
void check_rules(const Json& node, JsonPath& path) {
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
        path.push_back(key);
        for (const auto& rule : field_rules()) {
            if (rule.path.size() != path.size()) continue;
            bool match = true;
            for (std::size_t i = 0; i < path.size() && match; ++i) {
                match = std::string_view(rule.path[i]) == "*" ||
                        normalized_key(path[i]) == rule.path[i];
            }
            // A channel-wide option is not a channel section.
            if (match && rule.path.size() == 2 && std::string_view(rule.path[1]) == "*" &&
                std::string_view(rule.path[0]) == "channels") {
                continue;
            }
            if (match && !has_type(value, rule.type)) {
                throw ClientError("invalid_config",
                                  path_text(path) + " must be " + type_name(rule.type));
            }
        }
        check_rules(value, path);
        path.pop_back();
    }
}

const Json* member(const Json& object, const std::string& normalized) {
    if (!object.is_object()) return nullptr;
    for (const auto& [key, value] : object.items()) {
        if (normalized_key(key) == normalized) return &value;
    }
    return nullptr;
}

Json member_or_null(const Json* object, const std::string& normalized) {
    if (!object) return nullptr;
    const Json* found = member(*object, normalized);
    return found ? *found : Json();
}

void collect_changes(const Json& before, const Json& after, JsonPath& path,
                     std::vector<std::string>& out, std::size_t limit) {
    if (out.size() >= limit) return;
    // A section that appears or disappears is reported by its fields, like any other change.
    bool objects = (before.is_object() || before.is_null()) && (after.is_object() || after.is_null()) &&
                   !(before.is_null() && after.is_null());
    if (objects && (before.is_null() || after.is_null()) &&
        (before.is_null() ? after : before).empty()) {
        objects = false;
    }
    if (objects) {
        std::set<std::string> keys;
        if (before.is_object()) {
            for (const auto& [k, v] : before.items()) keys.insert(k);
        }
        if (after.is_object()) {
            for (const auto& [k, v] : after.items()) keys.insert(k);
        }
        for (const auto& key : keys) {
            path.push_back(key);
            Json none;
            const Json& b = before.is_object() && before.contains(key) ? before.at(key) : none;
            const Json& a = after.is_object() && after.contains(key) ? after.at(key) : none;
            collect_changes(b, a, path, out, limit);
            path.pop_back();
        }
        return;
    }
    if (before != after) out.push_back(path.empty() ? "(whole file)" : path_text(path));
}

}  // namespace

void validate_config(const Json& config) {
    if (!config.is_object()) throw ClientError("invalid_json", "config must be a JSON object");
    static const std::set<std::string> sections = {"agents", "channels",      "transcription",
                                                   "providers", "api",       "gateway",
                                                   "tools",  "modelPresets", "model_presets"};
    for (const auto& [key, value] : config.items()) {
        if (!sections.count(key)) {
            throw ClientError("unknown_section",
                              "\"" + key + "\" is not a config.json section nanobot accepts "
                              "(agents, channels, providers, gateway, api, tools, "
                              "transcription, modelPresets)");
        }
    }
    JsonPath path;
    check_rules(config, path);
}

void check_protected_fields(const Json& stored, const Json& incoming) {
    Json old_channels = member_or_null(&stored, "channels");
    Json new_channels = member_or_null(&incoming, "channels");
    Json old_socket = member_or_null(&old_channels, "websocket");
    Json new_socket = member_or_null(&new_channels, "websocket");
    for (const char* field : {"enabled", "host", "port", "path", "token",
                              "websocketrequirestoken", "unixsocketpath", "streaming"}) {
        if (member_or_null(&old_socket, field) != member_or_null(&new_socket, field)) {
            throw ClientError("protected_field",
                              std::string("channels.websocket.") + field +
                                  " is the dashboard's own channel and cannot be changed");
        }
    }
    Json allow = member_or_null(&new_socket, "allowfrom");
    bool keeps_dashboard = allow.is_array() &&
                           std::any_of(allow.begin(), allow.end(), [](const Json& v) {
                               return v == "dashboard" || v == "*";
                           });
    if (!keeps_dashboard) {
        throw ClientError("protected_field",
                          "channels.websocket.allowFrom must keep \"dashboard\", the dashboard's "
                          "own client id");
    }
    Json old_gateway = member_or_null(&stored, "gateway");
    Json new_gateway = member_or_null(&incoming, "gateway");
    for (const char* field : {"host", "port"}) {
        if (member_or_null(&old_gateway, field) != member_or_null(&new_gateway, field)) {
            throw ClientError("protected_field",
                              std::string("gateway.") + field +
                                  " is set by the dashboard and cannot be changed");
        }
    }
}

std::vector<std::string> changed_paths(const Json& before, const Json& after, std::size_t limit) {
    std::vector<std::string> out;
    JsonPath path;
    collect_changes(before, after, path, out, limit);
    return out;
}

bool config_change_needs_restart(const std::vector<std::string>& paths) {
    return std::any_of(paths.begin(), paths.end(), [](const std::string& p) {
        return !(p.rfind("agents.defaults.", 0) == 0 || p.rfind("providers.", 0) == 0 ||
                 p.rfind("modelPresets.", 0) == 0 || p.rfind("model_presets.", 0) == 0);
    });
}

std::vector<std::string> env_references(const Json& config) {
    std::set<std::string> names;
    std::vector<const Json*> stack = {&config};
    while (!stack.empty()) {
        const Json* node = stack.back();
        stack.pop_back();
        if (node->is_structured()) {
            for (const auto& child : *node) stack.push_back(&child);
        } else if (node->is_string()) {
            const std::string& text = node->get_ref<const std::string&>();
            for (std::size_t at = text.find("${"); at != std::string::npos;
                 at = text.find("${", at + 2)) {
                auto end = text.find('}', at);
                if (end == std::string::npos) break;
                std::string candidate = text.substr(at, end - at + 1);
                if (is_env_reference(candidate)) names.insert(candidate.substr(2, candidate.size() - 3));
            }
        }
    }
    return {names.begin(), names.end()};
}

void require_env_values(const Json& config, const Json& env_file) {
    auto variables = env_variables(env_file);
    for (const auto& name : env_references(config)) {
        auto it = std::find_if(variables.begin(), variables.end(),
                               [&name](const EnvVariable& v) { return v.name == name; });
        if (it == variables.end() || it->value.empty()) {
            throw ClientError("missing_env", "config.json uses ${" + name +
                                                 "} but the bot's environment has no value for " +
                                                 name + "; set it under Environment");
        }
    }
}

}  // namespace nbdash::botconfig
