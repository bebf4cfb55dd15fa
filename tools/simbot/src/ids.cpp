#include "ids.hpp"

#include <chrono>
#include <cstdio>
#include <random>

namespace simbot {

namespace {

std::mt19937_64& generator()
{
    // Seeded once from the kernel; ids need uniqueness, not cryptographic strength.
    static std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

}  // namespace

std::string make_uuid_v4()
{
    std::uniform_int_distribution<unsigned> byte_dist(0, 255);
    unsigned char bytes[16];
    for (auto& b : bytes) {
        b = static_cast<unsigned char>(byte_dist(generator()));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);

    std::string out;
    out.reserve(36);
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out.push_back('-');
        }
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        out.append(hex);
    }
    return out;
}

std::string random_hex(std::size_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::uniform_int_distribution<int> dist(0, 15);
    std::string out(n, '0');
    for (auto& c : out) {
        c = kDigits[dist(generator())];
    }
    return out;
}

bool is_valid_chat_id(std::string_view id)
{
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::int64_t epoch_ns()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

double epoch_seconds()
{
    return static_cast<double>(epoch_ns()) / 1e9;
}

}  // namespace simbot
