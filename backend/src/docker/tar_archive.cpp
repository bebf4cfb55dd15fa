#include "docker/tar_archive.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace nbdash::docker {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlock = 512;

struct Entry {
    std::string name;  // relative, '/'-separated; folders end with '/'
    char type = '0';   // '0' file, '5' folder, '2' symbolic link
    std::uint64_t size = 0;
    unsigned mode = 0644;
    std::string link_target;
    fs::path source;
};

void put_octal(char* field, std::size_t width, std::uint64_t value) {
    // width - 1 octal digits and a NUL, as ustar readers expect.
    std::string digits(width - 1, '0');
    for (std::size_t i = width - 1; i-- > 0 && value > 0; value >>= 3) {
        digits[i] = static_cast<char>('0' + (value & 7));
    }
    if (value != 0) throw std::runtime_error("a value does not fit its tar field");
    std::memcpy(field, digits.data(), width - 1);
    field[width - 1] = '\0';
}

// Splits a long name into ustar's prefix (155) and name (100) fields at a '/'.
void put_name(char* header, const std::string& name) {
    if (name.size() <= 100) {
        std::memcpy(header, name.data(), name.size());
        return;
    }
    auto cut = name.rfind('/', std::min<std::size_t>(name.size() - 1, 155));
    if (cut == std::string::npos || cut == 0 || name.size() - cut - 1 > 100 || cut > 155) {
        throw std::runtime_error("a path is too long for the build context: " + name);
    }
    std::memcpy(header + 345, name.data(), cut);
    std::memcpy(header, name.data() + cut + 1, name.size() - cut - 1);
}

std::string header_of(const Entry& entry) {
    std::string header(kBlock, '\0');
    char* h = header.data();
    put_name(h, entry.name);
    put_octal(h + 100, 8, entry.mode);
    put_octal(h + 108, 8, 0);
    put_octal(h + 116, 8, 0);
    put_octal(h + 124, 12, entry.size);
    put_octal(h + 136, 12, 0);
    h[156] = entry.type;
    if (entry.link_target.size() > 100) throw std::runtime_error("a link target is too long");
    std::memcpy(h + 157, entry.link_target.data(), entry.link_target.size());
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    // The checksum is computed with its own field read as spaces.
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header) sum += c;
    put_octal(h + 148, 7, sum);
    h[155] = ' ';
    return header;
}

std::vector<Entry> collect(const fs::path& dir) {
    std::vector<Entry> entries;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it) {
        const auto status = it->symlink_status();
        Entry entry;
        entry.name = it->path().lexically_relative(dir).generic_string();
        entry.source = it->path();
        entry.mode = static_cast<unsigned>(status.permissions()) & 07777;
        if (fs::is_symlink(status)) {
            entry.type = '2';
            entry.link_target = fs::read_symlink(it->path()).string();
        } else if (fs::is_directory(status)) {
            entry.type = '5';
            entry.name += '/';
        } else if (fs::is_regular_file(status)) {
            entry.size = it->file_size();
        } else {
            continue;
        }
        entries.push_back(std::move(entry));
    }
    // A stable order makes the same folder give the same archive (and Docker's cache agrees).
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
}

}  // namespace

std::string tar_directory(const fs::path& dir, std::uint64_t max_bytes) {
    if (!fs::is_directory(dir)) throw std::runtime_error("not a folder: " + dir.string());
    std::string archive;
    for (const auto& entry : collect(dir)) {
        std::uint64_t padded = (entry.size + kBlock - 1) / kBlock * kBlock;
        if (archive.size() + kBlock + padded + 2 * kBlock > max_bytes) {
            throw std::runtime_error("the build context is larger than " +
                                     std::to_string(max_bytes / (1024 * 1024)) + " MiB");
        }
        archive += header_of(entry);
        if (entry.type != '0') continue;
        std::ifstream in(entry.source, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        if (!in || content.str().size() != entry.size) {
            throw std::runtime_error("cannot read " + entry.name);
        }
        archive += content.str();
        archive.append(padded - entry.size, '\0');
    }
    archive.append(2 * kBlock, '\0');
    return archive;
}

}  // namespace nbdash::docker
