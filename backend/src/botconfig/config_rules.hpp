// What a save of config.json must respect: only the top-level sections nanobot knows (it rejects
// the whole file otherwise), the right types for the fields the dashboard and nanobot rely on,
// and the dashboard's own channel and ports left as they are. Unknown keys inside sections are
// not checked: nanobot ignores or keeps them, and they round-trip unchanged.
#pragma once

#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::botconfig {

// Throws ClientError: "unknown_section" for a top-level key nanobot would refuse,
// "invalid_config" naming the path of a known field with the wrong type.
void validate_config(const Json& config);

// Throws ClientError "protected_field" when incoming changes the dashboard channel
// (channels.websocket enabled/host/port/path/token/...), drops "dashboard" from its allowFrom,
// or changes gateway.host / gateway.port.
void check_protected_fields(const Json& stored, const Json& incoming);

// Dotted paths of the leaves that differ (arrays compare whole); at most `limit` entries.
std::vector<std::string> changed_paths(const Json& before, const Json& after,
                                       std::size_t limit = 50);

// True when a change at one of these config.json paths only applies when the bot starts.
// nanobot re-reads its model and provider settings at the next turn; the rest needs a start.
bool config_change_needs_restart(const std::vector<std::string>& paths);

// Every ${NAME} used in a string of config.json, sorted and unique.
std::vector<std::string> env_references(const Json& config);

// nanobot refuses to start when a ${NAME} in config.json has no value. Throws ClientError
// "missing_env" naming the first such variable that env.json leaves unset or empty.
void require_env_values(const Json& config, const Json& env_file);

}  // namespace nbdash::botconfig
