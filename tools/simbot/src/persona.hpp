#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace simbot {

struct Persona {
    std::string line;        // the bot's self-description shown in replies
    std::size_t bytes = 0;   // size of the prompt files, for deterministic prompt_tokens
};

// The first Markdown heading of `markdown` (without #'s), else its first non-empty line, capped
// at 80 bytes on a character boundary; empty when there is neither.
std::string persona_line_from(std::string_view markdown);

// Reads SOUL.md, then AGENTS.md, from `workspace` on every call, so edits made by the dashboard
// show in the next reply (nanobot also re-reads them per turn). USER.md counts towards bytes.
Persona read_persona(const std::filesystem::path& workspace);

}  // namespace simbot
