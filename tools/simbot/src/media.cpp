#include "media.hpp"

#include <fstream>
#include <map>

#include "base64.hpp"
#include "ids.hpp"

namespace simbot {

namespace {

struct MimeInfo {
    const char* extension;
    bool image;
    bool video = false;
};

const std::map<std::string, MimeInfo>& allowed_mimes()
{
    static const std::map<std::string, MimeInfo> kAllowed = {
        {"image/png", {".png", true}},        {"image/jpeg", {".jpg", true}},
        {"image/webp", {".webp", true}},      {"image/gif", {".gif", true}},
        {"application/pdf", {".pdf", false}}, {"text/plain", {".txt", false}},
        {"text/markdown", {".md", false}},    {"text/csv", {".csv", false}},
        {"application/json", {".json", false}},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         {".docx", false}},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx", false}},
        {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
         {".pptx", false}},
        {"application/yaml", {".yaml", false}},   {"application/toml", {".toml", false}},
        {"application/xml", {".xml", false}},     {"text/html", {".html", false}},
        {"video/mp4", {".mp4", false, true}},     {"video/webm", {".webm", false, true}},
        {"video/quicktime", {".mov", false, true}},
    };
    return kAllowed;
}

struct DataUrl {
    std::string mime;
    std::string payload;
};

// data:<mime>[;param...];base64,<payload>; only base64 data URLs are accepted, like nanobot.
std::optional<DataUrl> split_data_url(const std::string& url)
{
    if (url.rfind("data:", 0) != 0) {
        return std::nullopt;
    }
    const auto comma = url.find(',');
    if (comma == std::string::npos) {
        return std::nullopt;
    }
    const std::string meta = url.substr(5, comma - 5);
    const auto semi = meta.find(';');
    if (semi == std::string::npos || meta.find(";base64") == std::string::npos) {
        return std::nullopt;
    }
    std::string mime = meta.substr(0, semi);
    for (auto& c : mime) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return DataUrl{mime, url.substr(comma + 1)};
}

std::string sanitise_name(const std::string& raw, const char* extension)
{
    std::string name;
    for (const char c : raw) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' ||
                        c == '-' || c == '_';
        name.push_back(ok ? c : '_');
        if (name.size() >= 80) {
            break;
        }
    }
    while (!name.empty() && name.front() == '.') {
        name.erase(name.begin());
    }
    if (name.empty()) {
        name = std::string("upload") + extension;
    }
    return name;
}

}  // namespace

MediaCheck check_media(const nlohmann::json& media)
{
    if (media.is_null()) {
        return {};
    }
    if (!media.is_array()) {
        return {{}, "malformed"};
    }

    std::vector<std::pair<DataUrl, std::string>> parsed;
    std::vector<bool> is_video;
    std::size_t images = 0;
    std::size_t videos = 0;
    for (const auto& item : media) {
        const auto url_it = item.is_object() ? item.find("data_url") : item.end();
        if (!item.is_object() || url_it == item.end() || !url_it->is_string()) {
            return {{}, "malformed"};
        }
        auto data = split_data_url(url_it->get<std::string>());
        if (!data) {
            return {{}, "malformed"};
        }
        const auto mime = allowed_mimes().find(data->mime);
        if (mime == allowed_mimes().end()) {
            return {{}, "mime"};
        }
        images += mime->second.image ? 1 : 0;
        videos += mime->second.video ? 1 : 0;
        is_video.push_back(mime->second.video);
        const auto name_it = item.find("name");
        const std::string name = name_it != item.end() && name_it->is_string()
                                     ? name_it->get<std::string>() : "";
        parsed.emplace_back(std::move(*data), sanitise_name(name, mime->second.extension));
    }
    if (images > kMaxAttachments) {
        return {{}, "too_many_images"};
    }
    if (videos > kMaxVideos) {
        return {{}, "too_many_videos"};
    }
    if (parsed.size() - videos > kMaxAttachments) {
        return {{}, "too_many_attachments"};
    }

    MediaCheck result;
    std::size_t total = 0;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        auto& [data, name] = parsed[i];
        auto bytes = base64_decode(data.payload);
        if (!bytes) {
            return {{}, "decode"};
        }
        if (bytes->size() > (is_video[i] ? kMaxVideoBytes : kMaxAttachmentBytes)) {
            return {{}, "size"};
        }
        total += is_video[i] ? 0 : bytes->size();
        if (total > kMaxAttachmentTotalBytes) {
            return {{}, "total_size"};
        }
        result.items.push_back({data.mime, name, std::move(*bytes)});
    }
    return result;
}

std::optional<std::string> write_unique_file(const std::filesystem::path& dir,
                                             const std::string& name, const std::string& bytes)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto target = std::filesystem::absolute(dir / (random_hex(12) + "_" + name), ec);
    const auto temp = target.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            return std::nullopt;
        }
    }
    std::filesystem::rename(temp, target, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return std::nullopt;
    }
    return target.string();
}

std::optional<std::vector<std::string>> save_media(const std::vector<MediaItem>& items,
                                                   const std::filesystem::path& dir)
{
    std::vector<std::string> paths;
    for (const auto& item : items) {
        auto path = write_unique_file(dir, item.name, item.bytes);
        if (!path) {
            return std::nullopt;
        }
        paths.push_back(std::move(*path));
    }
    return paths;
}

}  // namespace simbot
