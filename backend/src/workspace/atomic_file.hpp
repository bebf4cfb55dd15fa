// Whole-file replacement that never leaves a half-written file: write a temp file beside the
// target, fsync it, rename it over the target, fsync the folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nbdash::workspace {

// Throws std::system_error (with the path in the message) on any failure; the old file, if
// any, is then untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       std::filesystem::perms mode);

// Writes all of content to fd, retrying short writes and EINTR; false (errno set) on failure.
// Shared by both atomic writers (this one and write_inside in safe_files).
bool write_all(int fd, std::string_view content);

// The whole file, or nullopt when it does not exist. Throws on other errors.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace nbdash::workspace
