// The front matter of a SKILL.md, as nanobot reads it: YAML between two "---" lines with at
// least `name` and `description`, one value per line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nbdash::botconfig {

struct SkillFrontMatter {
    std::string name;
    std::string description;
};

// nullopt when the text does not start with a front matter block holding a name.
std::optional<SkillFrontMatter> read_front_matter(std::string_view skill_md);

// A skill key / folder name: ^[a-z0-9][a-z0-9-]{0,63}$.
bool is_valid_skill_key(std::string_view key);

// Throws ClientError "invalid_skill" unless skill_md is UTF-8 text without NUL, at most
// 256 KiB, with front matter whose name equals key and that has a description.
void check_skill_md(std::string_view key, std::string_view skill_md);

}  // namespace nbdash::botconfig
