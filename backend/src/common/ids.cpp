#include "common/ids.hpp"

#include <array>
#include <vector>

#include <sodium.h>

#include "common/errors.hpp"

namespace nbdash {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

}  // namespace

bool is_valid_bot_id(std::string_view id) {
    if (id.size() < 2 || id.size() > 63) return false;
    if (id[0] < 'a' || id[0] > 'z') return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return to_hex(buffer.data(), buffer.size());
}

std::string new_uuid() {
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    std::string hex = to_hex(b.data(), b.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

bool secrets_equal(std::string_view a, std::string_view b) {
    // Compare digests so the time taken does not depend on where the inputs first differ,
    // nor on their lengths.
    return sodium_memcmp(token_digest(a).data(), token_digest(b).data(), 64) == 0;
}

std::string token_digest(std::string_view token) {
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return to_hex(digest.data(), digest.size());
}

std::string checked_bot_name(std::string_view name) {
    auto first = name.find_first_not_of(" \t");
    auto last = name.find_last_not_of(" \t");
    std::string trimmed(first == std::string_view::npos ? std::string_view()
                                                        : name.substr(first, last - first + 1));
    if (trimmed.empty() || trimmed.size() > 128) {
        throw ClientError("invalid_name", "name must have 1 to 128 bytes besides spaces");
    }
    for (unsigned char c : trimmed) {
        if (c < 0x20 || c == 0x7f) {
            throw ClientError("invalid_name", "name must not contain control characters");
        }
    }
    return trimmed;
}

}  // namespace nbdash
