#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace simbot {

inline constexpr std::size_t kMaxAttachments = 4;
inline constexpr std::size_t kMaxAttachmentBytes = 6 * 1024 * 1024;
inline constexpr std::size_t kMaxAttachmentTotalBytes = 24 * 1024 * 1024;
// Videos are counted apart from images and documents.
inline constexpr std::size_t kMaxVideos = 1;
inline constexpr std::size_t kMaxVideoBytes = 20 * 1024 * 1024;

struct MediaItem {
    std::string mime;
    std::string name;   // sanitised file name including extension
    std::string bytes;  // decoded content
};

struct MediaCheck {
    std::vector<MediaItem> items;
    std::string reason;  // non-empty = rejected; value of error.reason (malformed, mime, ...)
};

// Validates a message's "media" list of {data_url, name?}; null or [] gives no items.
MediaCheck check_media(const nlohmann::json& media);

// Writes items under `dir` with unique names; returns their absolute paths, or nullopt when a
// write fails (the caller logs it and answers attachment_rejected).
std::optional<std::vector<std::string>> save_media(const std::vector<MediaItem>& items,
                                                   const std::filesystem::path& dir);

// Writes `bytes` as a fresh file `<random>_<name>` in `dir` via temp + rename.
std::optional<std::string> write_unique_file(const std::filesystem::path& dir,
                                             const std::string& name, const std::string& bytes);

}  // namespace simbot
