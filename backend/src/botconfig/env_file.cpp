#include "botconfig/env_file.hpp"

#include <algorithm>
#include <set>

#include "botconfig/secrets.hpp"
#include "botconfig/text_checks.hpp"
#include "common/errors.hpp"
#include "runtime/resources.hpp"

namespace nbdash::botconfig {

namespace {

constexpr std::size_t kMaxValueBytes = 32 * 1024;
constexpr std::size_t kMaxVariables = 256;

std::set<std::string> secret_names(const Json& env_file) {
    std::set<std::string> names;
    auto it = env_file.find("secret_env");
    if (it != env_file.end() && it->is_array()) {
        for (const auto& name : *it) {
            if (name.is_string()) names.insert(name.get<std::string>());
        }
    }
    return names;
}

Json build(const Json& stored, const std::vector<EnvVariable>& variables, Json resources) {
    Json out = stored.is_object() ? stored : Json::object();
    Json env = Json::object();
    Json secrets = Json::array();
    for (const auto& v : variables) {
        env[v.name] = v.value;
        if (v.secret) secrets.push_back(v.name);
    }
    out["env"] = std::move(env);
    out["secret_env"] = std::move(secrets);
    out["resources"] = std::move(resources);
    return out;
}

}  // namespace

bool is_valid_env_name(const std::string& name) {
    if (name.empty() || name.size() > 128) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return name != "HOME" && name != "PATH" && name != "NANOBOT_CONFIG";
}

std::vector<EnvVariable> env_variables(const Json& env_file) {
    std::vector<EnvVariable> out;
    if (!env_file.is_object()) return out;
    auto secrets = secret_names(env_file);
    auto it = env_file.find("env");
    if (it == env_file.end() || !it->is_object()) return out;
    for (const auto& [name, value] : it->items()) {
        if (!value.is_string()) continue;
        out.push_back({name, value.get<std::string>(), secrets.count(name) > 0});
    }
    std::sort(out.begin(), out.end(),
              [](const EnvVariable& a, const EnvVariable& b) { return a.name < b.name; });
    return out;
}

Json variables_json(const std::vector<EnvVariable>& variables) {
    Json list = Json::array();
    for (const auto& v : variables) {
        list.push_back({{"name", v.name},
                        {"value", v.secret ? mask_value(v.value) : v.value},
                        {"secret", v.secret}});
    }
    return list;
}

Json apply_env_request(const Json& stored, const Json& request) {
    if (!request.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    for (const auto& [key, value] : request.items()) {
        if (key != "variables" && key != "resources") {
            throw ClientError("unknown_field", "unknown field \"" + key + "\"");
        }
    }
    std::vector<EnvVariable> old = env_variables(stored);
    std::vector<EnvVariable> variables;
    if (auto list = request.find("variables"); list != request.end()) {
        if (!list->is_array()) throw ClientError("invalid_json", "variables must be a list");
        if (list->size() > kMaxVariables) {
            throw ClientError("invalid_env_name", "at most " + std::to_string(kMaxVariables) +
                                                      " variables");
        }
        std::set<std::string> seen;
        for (const auto& item : *list) {
            if (!item.is_object()) throw ClientError("invalid_json", "each variable must be an object");
            EnvVariable v;
            auto name = item.find("name");
            if (name == item.end() || !name->is_string() ||
                !is_valid_env_name(name->get<std::string>())) {
                throw ClientError("invalid_env_name",
                                  "variable names must match ^[A-Za-z_][A-Za-z0-9_]{0,127}$ and "
                                  "not be HOME, PATH or NANOBOT_CONFIG");
            }
            v.name = name->get<std::string>();
            if (!seen.insert(v.name).second) {
                throw ClientError("invalid_env_name", "variable " + v.name + " appears twice");
            }
            auto value = item.find("value");
            if (value == item.end() || !value->is_string()) {
                throw ClientError("invalid_env_value", "the value of " + v.name + " must be a string");
            }
            v.value = value->get<std::string>();
            if (v.value.size() > kMaxValueBytes || !is_utf8_text(v.value)) {
                throw ClientError("invalid_env_value",
                                  "the value of " + v.name + " must be UTF-8 text without NUL, "
                                  "at most 32 KiB");
            }
            auto secret = item.find("secret");
            if (secret != item.end() && !secret->is_boolean()) {
                throw ClientError("invalid_json", "secret must be true or false");
            }
            v.secret = secret != item.end() && secret->get<bool>();
            if (v.value.find(kMask) != std::string::npos) {
                auto previous = std::find_if(old.begin(), old.end(), [&v](const EnvVariable& o) {
                    return o.name == v.name;
                });
                if (previous == old.end() || !previous->secret ||
                    (v.value != kMask && v.value != mask_value(previous->value))) {
                    throw ClientError("invalid_env_value",
                                      "a masked value was sent for " + v.name +
                                          ", which has no stored secret to keep");
                }
                v.value = previous->value;
            }
            variables.push_back(std::move(v));
        }
    } else {
        variables = old;
    }

    Json resources = stored.is_object() ? stored.value("resources", Json::object()) : Json::object();
    if (!resources.is_object()) resources = Json::object();
    if (auto asked = request.find("resources"); asked != request.end()) {
        if (!asked->is_object()) throw ClientError("invalid_quota", "resources must be an object");
        for (const auto& [key, value] : asked->items()) {
            if (key != "cpus" && key != "memory_mb" && key != "storage_mb" && key != "pids") {
                throw ClientError("invalid_quota", "unknown quota field \"" + key + "\"");
            }
            if (key != "cpus" && value.is_number_float()) {
                throw ClientError("invalid_quota", "resources." + key + " must be a whole number");
            }
            resources[key] = value;
        }
    }
    Json out = build(stored, variables, resources);
    runtime::resources_from_env(out);  // throws invalid_quota naming the field
    return out;
}

Json with_variable(const Json& stored, const EnvVariable& variable) {
    std::vector<EnvVariable> variables = env_variables(stored);
    auto it = std::find_if(variables.begin(), variables.end(),
                           [&variable](const EnvVariable& v) { return v.name == variable.name; });
    if (it != variables.end()) {
        *it = variable;
    } else {
        variables.push_back(variable);
    }
    Json resources = stored.is_object() ? stored.value("resources", Json::object()) : Json::object();
    return build(stored, variables, resources);
}

Json redact_env(const Json& env_file) {
    Json out = env_file;
    auto secrets = secret_names(env_file);
    if (auto it = out.find("env"); it != out.end() && it->is_object()) {
        for (auto& [name, value] : it->items()) {
            if (secrets.count(name) && value.is_string() && !value.get<std::string>().empty()) {
                value = kMask;
            }
        }
    }
    return out;
}

Json strip_env_secrets(const Json& env_file) {
    Json out = env_file;
    auto secrets = secret_names(env_file);
    if (auto it = out.find("env"); it != out.end() && it->is_object()) {
        for (auto& [name, value] : it->items()) {
            if (secrets.count(name)) value = "";
        }
    }
    return out;
}

}  // namespace nbdash::botconfig
