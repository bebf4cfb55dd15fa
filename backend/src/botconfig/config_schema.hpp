// A description of nanobot's chat channels and model providers for building forms in the
// console: the fields operators set most, their types and which are secret. Fields not listed
// here still round-trip through the whole-file editor.
#pragma once

#include <string>

#include "common/json.hpp"

namespace nbdash::botconfig {

const Json& config_schema();

// Whether nanobot knows this provider key (camelCase or snake_case); any other name is a custom
// OpenAI-compatible provider.
bool is_builtin_provider(const std::string& name);

// The environment variable a provider's key is kept in: openai -> OPENAI_API_KEY,
// lmStudio -> LM_STUDIO_API_KEY.
std::string provider_key_variable(const std::string& provider);

}  // namespace nbdash::botconfig
