#include "workspace/chat_uploads.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "workspace/atomic_file.hpp"
#include "workspace/safe_files.hpp"

namespace nbdash::workspace {

namespace fs = std::filesystem;

namespace {

// request ids are server-made UUIDs, but the folder name must stay one plain path component
// whatever is passed in.
fs::path upload_folder(const std::string& request_id) {
    for (char c : request_id) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
            throw std::invalid_argument("request id is not a plain identifier");
        }
    }
    return fs::path("media") / "websocket" / ("dashboard-" + request_id);
}

}  // namespace

std::vector<std::string> store_chat_uploads(const fs::path& data_dir, const std::string& request_id,
                                            const std::vector<channel::Attachment>& attachments) {
    std::vector<std::string> paths;
    if (attachments.empty()) return paths;
    fs::path relative = upload_folder(request_id);
    fs::path folder = data_dir / relative;
    try {
        fs::create_directories(folder);
        for (const auto& attachment : attachments) {
            write_file_atomic(folder / attachment.name, attachment.bytes,
                              fs::perms::owner_read | fs::perms::owner_write);
            paths.push_back((relative / attachment.name).generic_string());
        }
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
        throw;
    }
    return paths;
}

std::vector<channel::Attachment> read_chat_uploads(
    const fs::path& data_dir, const std::string& request_id,
    const std::vector<channel::StoredAttachment>& files) {
    fs::path relative = upload_folder(request_id);
    PathParts dirs;
    for (const auto& part : relative) dirs.push_back(part.string());
    constexpr std::size_t kLargest = std::max(channel::kMaxVideoBytes, channel::kMaxDocumentBytes);
    std::vector<channel::Attachment> out;
    for (const auto& file : files) {
        auto content = read_inside(data_dir, dirs, file.name, kLargest);
        if (!content) throw std::runtime_error("an uploaded file is no longer there");
        out.push_back({file.name, file.mime, std::move(content->content)});
    }
    return out;
}

void remove_chat_uploads(const fs::path& data_dir, const std::string& request_id) {
    std::error_code ignored;
    fs::remove_all(data_dir / upload_folder(request_id), ignored);
}

}  // namespace nbdash::workspace
