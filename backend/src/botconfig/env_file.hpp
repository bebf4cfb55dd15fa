// env.json, the dashboard's own per-bot runtime file (nanobot never reads it):
//   {"env": {"NAME": "value", ...}, "secret_env": ["NAME", ...],
//    "resources": {"cpus", "memory_mb", "storage_mb", "pids"}}
// Variables are given to the bot's process or container at start; names in secret_env are
// masked on read. Other top-level keys are kept as they are.
#pragma once

#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::botconfig {

struct EnvVariable {
    std::string name;
    std::string value;  // secret when `secret` is set: never logged or returned unmasked
    bool secret = false;
};

// Variables sorted by name.
std::vector<EnvVariable> env_variables(const Json& env_file);

// Variables as the API shows them: secret values masked.
Json variables_json(const std::vector<EnvVariable>& variables);

// Checks a {"variables": [...], "resources": {...}} request against the stored env.json and
// returns the new env.json. Masked secret values sent back keep the stored value; a missing
// quota field keeps its stored value. Throws ClientError invalid_env_name, invalid_env_value,
// invalid_quota.
Json apply_env_request(const Json& stored, const Json& request);

// Sets (or replaces) one variable; used when a provider key is entered in the console.
Json with_variable(const Json& stored, const EnvVariable& variable);

// env.json with secret values replaced by the mask alone, for revisions.
Json redact_env(const Json& env_file);

// env.json for a bot copied from a template: secret variables kept by name with empty values.
Json strip_env_secrets(const Json& env_file);

// Names that configure the runtime itself and may not be set per bot.
bool is_valid_env_name(const std::string& name);

}  // namespace nbdash::botconfig
