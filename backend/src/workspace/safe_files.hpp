// File access inside one bot's folder that cannot be led outside it: every folder on the way is
// opened relative to the previous one with O_NOFOLLOW, so a symlink planted anywhere in the
// bot's folder (by the bot itself, which can write there) is refused instead of followed, and
// nothing is read or written. Names are single path components; "..", "/", NUL and names over
// 255 bytes are refused before any file is touched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbdash::workspace {

using PathParts = std::vector<std::string>;

// Throws ClientError "unsafe_path" when name cannot be a single safe path component.
void check_component(std::string_view name);

struct FileInfo {
    std::int64_t size = 0;
    std::int64_t modified_unix = 0;
};

struct FileContent {
    std::string content;
    FileInfo info;
};

// root/dirs.../name: the content, or nullopt when it does not exist. Throws ClientError
// "unsafe_path" on a symlink or non-regular file, "file_too_large" past max_bytes (413),
// std::system_error on I/O errors.
std::optional<FileContent> read_inside(const std::filesystem::path& root, const PathParts& dirs,
                                       std::string_view name, std::size_t max_bytes);

// Replaces root/dirs.../name atomically (temp file, fsync, rename, fsync of the folder) with
// the given mode; folders on the way are created (0700) when create_dirs is set. On any failure
// the old file is intact and the temp file removed. Throws as read_inside.
void write_inside(const std::filesystem::path& root, const PathParts& dirs, std::string_view name,
                  std::string_view content, std::filesystem::perms mode, bool create_dirs);

// Removes root/dirs.../name and, if it is a folder, everything below it, never following a
// symlink (a link is removed itself). Returns false when it did not exist.
bool remove_inside(const std::filesystem::path& root, const PathParts& dirs, std::string_view name);

// Names of the entries of root/dirs... that are real folders (not links); empty when the
// folder does not exist.
std::vector<std::string> list_dirs_inside(const std::filesystem::path& root, const PathParts& dirs);

}  // namespace nbdash::workspace
