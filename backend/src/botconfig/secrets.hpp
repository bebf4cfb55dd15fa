// Which values in a bot's config.json are secrets, and how they are shown and kept. A secret is
// shown masked (first 4 + mask + last 4); a save that sends the masked (or fully redacted) form
// back keeps the stored value, so the console never has to hold a real secret.
#pragma once

#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::botconfig {

using JsonPath = std::vector<std::string>;

inline constexpr const char* kMask = "\u2022\u2022\u2022\u2022";  // "••••"

// Keys compare case-insensitively with '_' ignored, as nanobot accepts camelCase and snake_case.
std::string normalized_key(const std::string& key);
std::string path_text(const JsonPath& path);

// True for the paths of config.json that hold secrets (provider keys, channel tokens, ...).
bool is_secret_path(const JsonPath& path);

// "${NAME}" with a valid variable name: a reference, not a secret.
bool is_env_reference(const std::string& value);

// The masked form of a secret: "" stays "", a reference stays as is, 8 characters or fewer
// become the mask alone, longer ones keep their first and last 4 characters.
std::string mask_value(const std::string& value);

// config.json with every secret masked, for reading.
Json mask_config(const Json& config);
// config.json with every secret replaced by the mask alone, for revisions and diffs.
Json redact_config(const Json& config);

// Puts stored secrets back where the incoming document carries their masked or redacted form.
// Returns the paths where a masked value arrived but nothing is stored to keep; those values
// are set to "" in incoming.
std::vector<std::string> keep_masked_secrets(Json& incoming, const Json& stored);

// Empties every secret (references stay): for copying a bot as a template.
Json strip_secrets(const Json& config);

}  // namespace nbdash::botconfig
