#include "config_json.hpp"

#include <cctype>
#include <cstdlib>

namespace simbot {

namespace {

bool is_name_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::optional<std::string> substitute_string(std::string& text, const EnvLookup& env)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("${", pos);
        if (open == std::string::npos) {
            break;
        }
        auto close = open + 2;
        while (close < text.size() && is_name_char(text[close])) {
            ++close;
        }
        if (close == open + 2 || close >= text.size() || text[close] != '}') {
            // Not the ${NAME} form: keep it literally, as nanobot does.
            out.append(text, pos, open + 2 - pos);
            pos = open + 2;
            continue;
        }
        const std::string name = text.substr(open + 2, close - open - 2);
        const auto value = env(name);
        if (!value) {
            return name;
        }
        out.append(text, pos, open - pos);
        out.append(*value);
        pos = close + 1;
    }
    out.append(text, pos, std::string::npos);
    text = std::move(out);
    return std::nullopt;
}

}  // namespace

EnvLookup process_env()
{
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

std::string snake_to_camel(std::string_view snake)
{
    std::string out;
    out.reserve(snake.size());
    bool upper_next = false;
    for (const char c : snake) {
        if (c == '_') {
            upper_next = true;
            continue;
        }
        out.push_back(upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                                 : c);
        upper_next = false;
    }
    return out;
}

const nlohmann::json* find_key(const nlohmann::json& obj, std::string_view snake_key)
{
    if (!obj.is_object()) {
        return nullptr;
    }
    auto it = obj.find(std::string(snake_key));
    if (it != obj.end()) {
        return &*it;
    }
    it = obj.find(snake_to_camel(snake_key));
    return it != obj.end() ? &*it : nullptr;
}

std::optional<std::string> substitute_env(nlohmann::json& doc, const EnvLookup& env)
{
    if (doc.is_string()) {
        return substitute_string(doc.get_ref<std::string&>(), env);
    }
    if (doc.is_object() || doc.is_array()) {
        for (auto& child : doc) {
            if (auto missing = substitute_env(child, env)) {
                return missing;
            }
        }
    }
    return std::nullopt;
}

}  // namespace simbot
