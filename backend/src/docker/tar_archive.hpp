// A build context for the Engine's build endpoint: a folder packed as an uncompressed ustar
// archive in memory. Regular files, folders and symbolic links (stored as links, never
// followed, so nothing outside the folder is read) are packed; other file types are skipped.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace nbdash::docker {

// Packs dir; throws std::runtime_error naming the cause when the folder cannot be read, a
// name does not fit ustar's fields, or the archive would exceed max_bytes.
std::string tar_directory(const std::filesystem::path& dir, std::uint64_t max_bytes);

}  // namespace nbdash::docker
