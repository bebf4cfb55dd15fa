#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace simbot {

// Random UUID v4 in canonical lower-case form, as nanobot mints for new chats.
std::string make_uuid_v4();

// `n` random lower-case hex digits (for anonymous client ids and file names).
std::string random_hex(std::size_t n);

// True when `id` matches ^[A-Za-z0-9_:-]{1,64}$, the chat_id rule of the websocket channel.
bool is_valid_chat_id(std::string_view id);

// Wall-clock time since the Unix epoch, in nanoseconds and in (fractional) seconds.
std::int64_t epoch_ns();
double epoch_seconds();

}  // namespace simbot
