#include "channel/attachments.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/base64.hpp"
#include "common/byte_size.hpp"
#include "common/errors.hpp"

namespace nbdash::channel {

namespace {

enum class Kind { kImage, kVideo, kDocument };

struct MimeInfo {
    Kind kind;
    const char* extension;
    const char* canonical;  // the name nanobot knows the type by
};

const std::map<std::string, MimeInfo>& mime_table() {
    static const std::map<std::string, MimeInfo> table = {
        {"image/png", {Kind::kImage, ".png", "image/png"}},
        {"image/jpeg", {Kind::kImage, ".jpg", "image/jpeg"}},
        {"image/jpg", {Kind::kImage, ".jpg", "image/jpeg"}},
        {"image/webp", {Kind::kImage, ".webp", "image/webp"}},
        {"image/gif", {Kind::kImage, ".gif", "image/gif"}},
        {"video/mp4", {Kind::kVideo, ".mp4", "video/mp4"}},
        {"video/webm", {Kind::kVideo, ".webm", "video/webm"}},
        {"video/quicktime", {Kind::kVideo, ".mov", "video/quicktime"}},
        {"application/pdf", {Kind::kDocument, ".pdf", "application/pdf"}},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         {Kind::kDocument, ".docx",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         {Kind::kDocument, ".xlsx",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}},
        {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
         {Kind::kDocument, ".pptx",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation"}},
        {"text/plain", {Kind::kDocument, ".txt", "text/plain"}},
        {"text/markdown", {Kind::kDocument, ".md", "text/markdown"}},
        {"text/x-markdown", {Kind::kDocument, ".md", "text/markdown"}},
        {"text/csv", {Kind::kDocument, ".csv", "text/csv"}},
        {"application/json", {Kind::kDocument, ".json", "application/json"}},
        {"application/yaml", {Kind::kDocument, ".yaml", "application/yaml"}},
        {"application/x-yaml", {Kind::kDocument, ".yaml", "application/yaml"}},
        {"text/yaml", {Kind::kDocument, ".yaml", "application/yaml"}},
        {"text/x-yaml", {Kind::kDocument, ".yaml", "application/yaml"}},
        {"application/toml", {Kind::kDocument, ".toml", "application/toml"}},
        {"application/xml", {Kind::kDocument, ".xml", "application/xml"}},
        {"text/xml", {Kind::kDocument, ".xml", "application/xml"}},
        {"text/html", {Kind::kDocument, ".html", "text/html"}},
    };
    return table;
}

std::string normalise_mime(const std::string& mime) {
    std::string out = mime.substr(0, mime.find(';'));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(out.begin());
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string string_member(const Json& item, const char* field, std::size_t index) {
    auto it = item.find(field);
    if (it == item.end() || !it->is_string()) {
        throw ClientError("invalid_attachment", "attachment " + std::to_string(index + 1) +
                                                    " needs a string \"" + field + "\"");
    }
    return it->get<std::string>();
}

// "photo.png" -> "photo-2.png" for the second file of that name in one message.
std::string numbered(const std::string& name, int n) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return name + "-" + std::to_string(n);
    return name.substr(0, dot) + "-" + std::to_string(n) + name.substr(dot);
}

}  // namespace

std::string accepted_mime(const std::string& mime) {
    auto it = mime_table().find(normalise_mime(mime));
    return it == mime_table().end() ? std::string() : std::string(it->second.canonical);
}

std::string sanitise_file_name(const std::string& name, const std::string& mime) {
    static constexpr std::size_t kMaxName = 100;
    std::string base = name.substr(name.find_last_of("/\\") == std::string::npos
                                       ? 0
                                       : name.find_last_of("/\\") + 1);
    std::string out;
    for (char c : base) {
        bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
        out += plain ? c : '_';
    }
    while (!out.empty() && out.front() == '.') out.erase(out.begin());
    auto it = mime_table().find(normalise_mime(mime));
    std::string extension = it == mime_table().end() ? "" : it->second.extension;
    if (out.find_first_not_of("_.") == std::string::npos) out = "upload";
    if (out.find('.') == std::string::npos) out += extension;
    if (out.size() > kMaxName) {
        // Keep the extension: it is what tells the bot (and the browser) the type.
        auto dot = out.rfind('.');
        std::string tail = dot != std::string::npos && out.size() - dot <= 16 ? out.substr(dot) : "";
        out = out.substr(0, kMaxName - tail.size()) + tail;
    }
    return out;
}

std::string data_url(const Attachment& attachment) {
    return "data:" + attachment.mime + ";base64," + base64_encode(attachment.bytes);
}

std::size_t max_message_body_bytes(std::size_t max_text_bytes, std::size_t max_file_bytes) {
    constexpr std::size_t kJsonAround = 64 * 1024;
    std::size_t documents = std::min(kMaxDocumentTotalBytes,
                                     kMaxDocumentAttachments *
                                         std::min(kMaxDocumentBytes, max_file_bytes));
    std::size_t videos = kMaxVideoAttachments * std::min(kMaxVideoBytes, max_file_bytes);
    std::size_t files = kMaxDocumentAttachments + kMaxVideoAttachments;
    // Each file's base64 is rounded up to whole groups of four.
    std::size_t base64 = ((documents + videos) / 3 + files) * 4;
    return 6 * max_text_bytes + base64 + kJsonAround;
}

std::vector<Attachment> parse_attachments(const Json& list, std::size_t max_file_bytes) {
    if (list.is_null()) return {};
    if (!list.is_array()) {
        throw ClientError("invalid_field", "attachments must be a list of {name, mime, data}");
    }
    std::size_t documents = 0;
    std::size_t videos = 0;
    std::size_t document_bytes = 0;
    std::vector<Attachment> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& item = list[i];
        if (!item.is_object()) {
            throw ClientError("invalid_attachment", "attachment " + std::to_string(i + 1) +
                                                        " must be an object {name, mime, data}");
        }
        for (const auto& [key, value] : item.items()) {
            if (key != "name" && key != "mime" && key != "data") {
                throw ClientError("unknown_field", "unknown attachment field \"" + key + "\"");
            }
        }
        std::string raw_name = string_member(item, "name", i);
        std::string mime = string_member(item, "mime", i);
        auto data_it = item.find("data");
        if (data_it == item.end() || !data_it->is_string()) {
            throw ClientError("invalid_attachment", "attachment " + std::to_string(i + 1) +
                                                        " needs a string \"data\" (base64)");
        }
        const std::string& data = data_it->get_ref<const std::string&>();
        auto info = mime_table().find(normalise_mime(mime));
        if (info == mime_table().end()) {
            throw ClientError("unsupported_attachment_type",
                              "files of type \"" + normalise_mime(mime).substr(0, 100) +
                                  "\" cannot be sent to a bot; send images (PNG, JPEG, WebP, "
                                  "GIF), a video (MP4, WebM, QuickTime) or documents (PDF, "
                                  "Word, Excel, PowerPoint, text, Markdown, CSV, JSON, YAML, "
                                  "TOML, XML, HTML)");
        }
        const std::string clean_name = sanitise_file_name(raw_name, mime);
        std::string name = clean_name;
        bool video = info->second.kind == Kind::kVideo;
        if (video ? ++videos > kMaxVideoAttachments : ++documents > kMaxDocumentAttachments) {
            throw ClientError("too_many_attachments",
                              "a message carries at most " +
                                  std::to_string(kMaxDocumentAttachments) +
                                  " images and documents and " +
                                  std::to_string(kMaxVideoAttachments) + " video");
        }
        // The size is known from the base64 length, so an oversized file is refused before
        // anything is decoded.
        std::size_t size = base64_decoded_size(data);
        std::size_t kind_limit = video ? kMaxVideoBytes : kMaxDocumentBytes;
        std::size_t limit = std::min(kind_limit, max_file_bytes);
        if (size > limit) {
            throw ApiError(413, "attachment_too_large",
                           name + " is " + readable_size(size) + "; files may be at most " +
                               readable_size(limit) +
                               (limit == max_file_bytes ? " (setting chat.upload_max_bytes)"
                                                        : " (the bot's limit)"));
        }
        auto bytes = base64_decode(data);
        if (!bytes) {
            throw ClientError("invalid_attachment",
                              name + ": \"data\" is not valid base64 (standard alphabet)");
        }
        if (bytes->empty()) throw ClientError("invalid_attachment", name + " is empty");
        if (!video) {
            document_bytes += bytes->size();
            if (document_bytes > kMaxDocumentTotalBytes) {
                throw ApiError(413, "attachments_too_large",
                               "the images and documents of one message may be at most " +
                                   readable_size(kMaxDocumentTotalBytes) + " together");
            }
        }
        for (int n = 2; !names.insert(name).second; ++n) name = numbered(clean_name, n);
        out.push_back({std::move(name), info->second.canonical, std::move(*bytes)});
    }
    return out;
}

}  // namespace nbdash::channel
