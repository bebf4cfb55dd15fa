#include "botconfig/skill_file.hpp"

#include "botconfig/text_checks.hpp"
#include "common/errors.hpp"

namespace nbdash::botconfig {

namespace {

constexpr std::size_t kMaxSkillBytes = 256 * 1024;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string unquote(std::string_view value) {
    value = trim(value);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
        std::string out;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\\' && i + 1 < value.size()) ++i;
            out += value[i];
        }
        return out;
    }
    return std::string(value);
}

}  // namespace

std::optional<SkillFrontMatter> read_front_matter(std::string_view text) {
    if (text.substr(0, 3) != "---") return std::nullopt;
    auto line_end = text.find('\n');
    if (line_end == std::string_view::npos || trim(text.substr(0, line_end)) != "---") {
        return std::nullopt;
    }
    SkillFrontMatter front;
    bool closed = false;
    std::size_t pos = line_end + 1;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (trim(line) == "---") {
            closed = true;
            break;
        }
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        auto key = trim(line.substr(0, colon));
        if (key == "name") front.name = unquote(line.substr(colon + 1));
        if (key == "description") front.description = unquote(line.substr(colon + 1));
    }
    if (!closed || front.name.empty()) return std::nullopt;
    return front;
}

bool is_valid_skill_key(std::string_view key) {
    if (key.empty() || key.size() > 64) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        char c = key[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-');
        if (!ok) return false;
    }
    return true;
}

void check_skill_md(std::string_view key, std::string_view skill_md) {
    if (skill_md.size() > kMaxSkillBytes || !is_utf8_text(skill_md)) {
        throw ClientError("invalid_skill", "skill_md must be UTF-8 text without NUL, at most "
                                           "256 KiB");
    }
    auto front = read_front_matter(skill_md);
    if (!front) {
        throw ClientError("invalid_skill", "skill_md must start with front matter between two "
                                           "--- lines, with name and description");
    }
    if (front->name != key) {
        throw ClientError("invalid_skill", "the front matter name \"" + front->name +
                                               "\" must equal the skill key \"" +
                                               std::string(key) + "\"");
    }
    if (front->description.empty() || front->description.size() > 1024) {
        throw ClientError("invalid_skill",
                          "the front matter needs a description of 1 to 1024 characters");
    }
}

}  // namespace nbdash::botconfig
