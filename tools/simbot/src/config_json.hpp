#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace simbot {

// Looks up one environment variable; injectable so tests need no real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment as an EnvLookup.
EnvLookup process_env();

// "allow_from" -> "allowFrom": nanobot accepts both spellings for every nested key.
std::string snake_to_camel(std::string_view snake);

// The value under `snake_key` or its camelCase twin in object `obj`, or nullptr when absent
// (or when `obj` is not an object). The snake spelling wins when both are present.
const nlohmann::json* find_key(const nlohmann::json& obj, std::string_view snake_key);

// Replaces every ${NAME} in every string value of `doc`, recursively. Returns the first NAME
// that `env` does not know (the document is then partly substituted), or nullopt on success.
std::optional<std::string> substitute_env(nlohmann::json& doc, const EnvLookup& env);

}  // namespace simbot
