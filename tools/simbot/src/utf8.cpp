#include "utf8.hpp"

namespace simbot {

namespace {

bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// Length of the sequence led by `lead`, or 0 for a byte that cannot lead one.
std::size_t sequence_length(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        return 4;
    }
    return 0;
}

}  // namespace

std::size_t utf8_floor(std::string_view text, std::size_t pos)
{
    if (pos >= text.size()) {
        return text.size();
    }
    // A character is at most 4 bytes, so at most 3 steps back reach its lead byte.
    for (int steps = 0; steps < 3 && pos > 0; ++steps) {
        if (!is_continuation(static_cast<unsigned char>(text[pos]))) {
            break;
        }
        --pos;
    }
    return pos;
}

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = sequence_length(lead);
        if (len == 0 || i + len > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if (!is_continuation(static_cast<unsigned char>(text[i + k]))) {
                return false;
            }
        }
        const auto second = static_cast<unsigned char>(len > 1 ? text[i + 1] : 0);
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
            (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
            return false;
        }
        i += len;
    }
    return true;
}

std::vector<std::string> split_chunks(std::string_view text, std::size_t target,
                                      bool prefer_spaces)
{
    if (target == 0) {
        target = 1;
    }
    std::vector<std::string> chunks;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos + target;
        if (end >= text.size()) {
            chunks.emplace_back(text.substr(pos));
            break;
        }
        const std::size_t space = prefer_spaces ? text.find(' ', end) : std::string_view::npos;
        if (space != std::string_view::npos && space < end + target) {
            end = space + 1;
        } else {
            end = utf8_floor(text, end);
            if (end <= pos) {
                // Target smaller than the character: take the whole character.
                end = pos + 1;
                while (end < text.size() &&
                       is_continuation(static_cast<unsigned char>(text[end]))) {
                    ++end;
                }
            }
        }
        chunks.emplace_back(text.substr(pos, end - pos));
        pos = end;
    }
    return chunks;
}

}  // namespace simbot
