// JSON for requests, files and frames. Request bodies go through parse_request_json, which is
// stricter than the library default: duplicate keys and deep nesting are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace nbdash {

using Json = nlohmann::json;

// Parses a request body; throws ClientError("invalid_json") naming the problem.
Json parse_request_json(std::string_view body, int max_depth = 32);

// Parses text that is expected to be a JSON object; nullopt when it is not valid JSON or not an
// object. Never throws: used on frames from bots, which may be hostile or garbled.
std::optional<Json> parse_json_object(std::string_view text);

// Field readers for request objects; throw ClientError naming the field on a wrong type.
std::optional<std::string> optional_string(const Json& body, const char* field);
std::string required_string(const Json& body, const char* field);
std::optional<bool> optional_bool(const Json& body, const char* field);

// Dumps with invalid UTF-8 replaced instead of throwing.
std::string dump_json(const Json& value);

}  // namespace nbdash
