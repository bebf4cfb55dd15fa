#include "botconfig/secrets.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

namespace nbdash::botconfig {

namespace {

// Channel fields typed secret by nanobot, normalized (lowercase, no '_'). They are matched at
// any depth under "channels", since some channels nest instances (feishu.instances[]).
constexpr std::array kChannelSecretKeys = {
    "token",     "tokenissuesecret", "proxy",       "bottoken",     "apptoken",
    "appsecret", "encryptkey",       "verificationtoken", "clientsecret", "secret",
    "password",  "accesstoken",      "imappassword", "smtppassword", "clawtoken",
    "apppassword",
};

bool is_one_of(const std::string& key, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&key](const char* n) { return key == n; });
}

// Calls fn(path, value) for every string leaf; fn may replace the value.
void for_each_string(Json& node, JsonPath& path,
                     const std::function<void(const JsonPath&, Json&)>& fn) {
    if (node.is_object()) {
        for (auto& [key, value] : node.items()) {
            path.push_back(key);
            for_each_string(value, path, fn);
            path.pop_back();
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            path.push_back(std::to_string(i));
            for_each_string(node[i], path, fn);
            path.pop_back();
        }
    } else if (node.is_string()) {
        fn(path, node);
    }
}

Json transform_secrets(const Json& config, const std::function<std::string(const std::string&)>& fn) {
    Json copy = config;
    JsonPath path;
    for_each_string(copy, path, [&fn](const JsonPath& p, Json& value) {
        if (is_secret_path(p)) value = fn(value.get<std::string>());
    });
    return copy;
}

const Json* at_path(const Json& root, const JsonPath& path) {
    const Json* node = &root;
    for (const auto& step : path) {
        if (node->is_object()) {
            auto it = node->find(step);
            if (it == node->end()) return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            std::size_t index = 0;
            for (char c : step) {
                if (!std::isdigit(static_cast<unsigned char>(c))) return nullptr;
                index = index * 10 + static_cast<std::size_t>(c - '0');
            }
            if (index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return node;
}

}  // namespace

std::string normalized_key(const std::string& key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string path_text(const JsonPath& path) {
    std::string text;
    for (const auto& step : path) {
        if (!text.empty()) text += '.';
        text += step;
    }
    return text;
}

bool is_secret_path(const JsonPath& path) {
    if (path.size() < 2) return false;
    std::vector<std::string> keys;
    keys.reserve(path.size());
    for (const auto& step : path) keys.push_back(normalized_key(step));
    const std::string& section = keys[0];
    if (section == "providers") {
        if (keys.size() == 3) return is_one_of(keys[2], {"apikey", "proxy"});
        return keys.size() == 4 && keys[2] == "extraheaders";
    }
    if (section == "api") return keys.size() == 2 && keys[1] == "apikey";
    if (section == "channels") {
        const std::string& last = keys.back();
        return keys.size() >= 3 && std::find(kChannelSecretKeys.begin(), kChannelSecretKeys.end(),
                                             last) != kChannelSecretKeys.end();
    }
    if (section == "tools") {
        if (keys.size() == 3 && keys[1] == "web" && keys[2] == "proxy") return true;
        if (keys.size() == 4 && keys[1] == "web" && keys[2] == "search" && keys[3] == "apikey") {
            return true;
        }
        return keys.size() == 5 && keys[1] == "mcpservers" && is_one_of(keys[3], {"env", "headers"});
    }
    if (section == "transcription") return keys.size() == 2 && keys[1] == "apikey";
    return false;
}

bool is_env_reference(const std::string& value) {
    if (value.size() < 4 || value.compare(0, 2, "${") != 0 || value.back() != '}') return false;
    for (std::size_t i = 2; i + 1 < value.size(); ++i) {
        char c = value[i];
        bool ok = std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
                  (i > 2 && std::isdigit(static_cast<unsigned char>(c)));
        if (!ok) return false;
    }
    return true;
}

std::string mask_value(const std::string& value) {
    if (value.empty() || is_env_reference(value)) return value;
    // Counted in bytes; a multi-byte character at either end would be cut, so such values are
    // masked whole.
    bool ascii = std::all_of(value.begin(), value.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (value.size() <= 8 || !ascii) return kMask;
    return value.substr(0, 4) + kMask + value.substr(value.size() - 4);
}

Json mask_config(const Json& config) { return transform_secrets(config, mask_value); }

Json redact_config(const Json& config) {
    return transform_secrets(config, [](const std::string& value) {
        return value.empty() || is_env_reference(value) ? value : std::string(kMask);
    });
}

Json strip_secrets(const Json& config) {
    return transform_secrets(config, [](const std::string& value) {
        return is_env_reference(value) ? value : std::string();
    });
}

std::vector<std::string> keep_masked_secrets(Json& incoming, const Json& stored) {
    std::vector<std::string> unresolved;
    JsonPath path;
    for_each_string(incoming, path, [&](const JsonPath& p, Json& value) {
        if (!is_secret_path(p)) return;
        const std::string text = value.get<std::string>();
        if (text.find(kMask) == std::string::npos) return;
        const Json* old = at_path(stored, p);
        if (old && old->is_string() &&
            (text == kMask || text == mask_value(old->get<std::string>()))) {
            value = *old;
            return;
        }
        unresolved.push_back(path_text(p));
        value = "";
    });
    return unresolved;
}

}  // namespace nbdash::botconfig
