#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace simbot {

// Largest index <= pos that starts a UTF-8 sequence (or equals text.size()), so cutting there
// never splits a multi-byte character.
std::size_t utf8_floor(std::string_view text, std::size_t pos);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Splits `text` into chunks of roughly `target` bytes for streaming. With `prefer_spaces` a chunk
// ends after a space when one lies within the next `target` bytes; otherwise (or without it) at
// a character boundary, which may fall inside an emoji ZWJ sequence but never inside a
// character. Chunks concatenate back to `text`; empty text gives none; `target` 0 acts as 1.
std::vector<std::string> split_chunks(std::string_view text, std::size_t target,
                                      bool prefer_spaces = true);

}  // namespace simbot
