// Starting contents of the five persona files of a new bot.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbdash::workspace {

struct PersonaFile {
    std::string_view name;  // e.g. "SOUL.md"
    std::string content;
};

// The five files, filled in for a bot with the given display name.
std::vector<PersonaFile> persona_templates(std::string_view bot_name);

// The fixed list of persona file names; nothing else in the workspace is reachable by name.
const std::vector<std::string_view>& persona_file_names();

}  // namespace nbdash::workspace
