#include "persona.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include "utf8.hpp"

namespace simbot {

namespace {

constexpr std::size_t kMaxLineBytes = 80;
constexpr std::size_t kMaxFileBytes = 1024 * 1024;

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<std::string> read_small_file(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::string text(kMaxFileBytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

}  // namespace

std::string persona_line_from(std::string_view markdown)
{
    std::string fallback;  // first plain line, used only when no heading exists
    std::istringstream lines{std::string(markdown)};
    std::string raw;
    for (int n = 0; n < 10000 && std::getline(lines, raw); ++n) {
        std::string_view line = trim(raw);
        if (line.empty() || line == "---") {
            continue;
        }
        if (line.front() != '#') {
            if (fallback.empty()) {
                fallback = std::string(line);
            }
            continue;
        }
        while (!line.empty() && line.front() == '#') {
            line.remove_prefix(1);
        }
        line = trim(line);
        if (!line.empty()) {
            fallback = std::string(line);
            break;
        }
    }
    return fallback.substr(0, utf8_floor(fallback, kMaxLineBytes));
}

Persona read_persona(const std::filesystem::path& workspace)
{
    Persona persona;
    for (const char* name : {"SOUL.md", "AGENTS.md"}) {
        const auto text = read_small_file(workspace / name);
        if (!text) {
            continue;
        }
        persona.bytes += text->size();
        if (persona.line.empty()) {
            persona.line = persona_line_from(*text);
        }
    }
    if (const auto user = read_small_file(workspace / "USER.md")) {
        persona.bytes += user->size();
    }
    if (persona.line.empty()) {
        persona.line = "simbot";
    }
    return persona;
}

}  // namespace simbot
