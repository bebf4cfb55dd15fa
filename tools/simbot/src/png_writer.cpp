#include "png_writer.hpp"

#include <array>
#include <cstdint>

namespace simbot {

namespace {

constexpr int kSide = 16;

std::uint32_t crc32(const std::string& bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char ch : bytes) {
        crc ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

std::uint32_t adler32(const std::string& bytes)
{
    std::uint32_t a = 1;
    std::uint32_t b = 0;
    for (const char ch : bytes) {
        a = (a + static_cast<unsigned char>(ch)) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

void put_be32(std::string& out, std::uint32_t v)
{
    out.push_back(static_cast<char>((v >> 24) & 0xFF));
    out.push_back(static_cast<char>((v >> 16) & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
    out.push_back(static_cast<char>(v & 0xFF));
}

void put_chunk(std::string& out, const char* type, const std::string& data)
{
    put_be32(out, static_cast<std::uint32_t>(data.size()));
    const std::string typed = std::string(type, 4) + data;
    out += typed;
    put_be32(out, crc32(typed));
}

std::string raw_scanlines()
{
    std::string raw;
    for (int y = 0; y < kSide; ++y) {
        raw.push_back('\0');  // filter type: none
        for (int x = 0; x < kSide; ++x) {
            raw.push_back(static_cast<char>(x * 16));
            raw.push_back(static_cast<char>(y * 16));
            raw.push_back(static_cast<char>(0xC0));
        }
    }
    return raw;
}

// zlib stream holding one stored deflate block; the image is far below the 65535-byte limit.
std::string zlib_stored(const std::string& raw)
{
    std::string z = {'\x78', '\x01', '\x01'};
    const auto len = static_cast<std::uint16_t>(raw.size());
    const auto nlen = static_cast<std::uint16_t>(~len);
    z.push_back(static_cast<char>(len & 0xFF));
    z.push_back(static_cast<char>(len >> 8));
    z.push_back(static_cast<char>(nlen & 0xFF));
    z.push_back(static_cast<char>(nlen >> 8));
    z += raw;
    put_be32(z, adler32(raw));
    return z;
}

}  // namespace

std::string make_sample_png()
{
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    put_be32(header, kSide);
    put_be32(header, kSide);
    header += std::string{'\x08', '\x02', '\0', '\0', '\0'};  // 8-bit RGB, no interlace
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", zlib_stored(raw_scanlines()));
    put_chunk(png, "IEND", "");
    return png;
}

}  // namespace simbot
