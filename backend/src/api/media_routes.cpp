// Files a bot names in a reply's `media` list, served to the people who may read that bot's
// chat. Only files under the bot's own media/ and workspace/ folders are reachable: never its
// config, env file, credentials or anything outside its folder.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

namespace fs = std::filesystem;
using boost::asio::awaitable;

constexpr std::uintmax_t kMaxMediaBytes = 50ull * 1024 * 1024;

// Types shown inline; anything else is offered as a download.
const std::map<std::string, std::string>& inline_types() {
    static const std::map<std::string, std::string> types = {
        {".png", "image/png"},   {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},   {".webp", "image/webp"}, {".mp4", "video/mp4"},
        {".webm", "video/webm"}, {".pdf", "application/pdf"},
        {".txt", "text/plain; charset=utf-8"}, {".md", "text/plain; charset=utf-8"},
    };
    return types;
}

// The path relative to the bot's data folder, from what the bot reported: an absolute path on
// this host, an absolute path inside its container, or a relative one.
std::optional<fs::path> relative_media_path(const std::string& reported, const fs::path& data_dir,
                                            const std::string& container_data_path) {
    if (reported.empty() || reported.size() > 4096 || reported.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    fs::path path(reported);
    if (path.is_absolute()) {
        for (const fs::path& root : {data_dir, fs::path(container_data_path)}) {
            auto relative = path.lexically_normal().lexically_relative(root);
            if (!relative.empty() && *relative.begin() != "..") return relative;
        }
        return std::nullopt;
    }
    return path.lexically_normal();
}

// A file name fit for a quoted header parameter: only plain characters survive.
std::string safe_filename(const std::string& name) {
    std::string out;
    for (char c : name) {
        bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
        out += plain ? c : '_';
    }
    return out.empty() ? "file" : out;
}

// media_only: a share session sees the files the bot attached, not its workspace (persona
// files, skills, notes).
std::optional<fs::path> resolve_media(const fs::path& data_dir, const fs::path& relative,
                                      bool media_only) {
    auto allowed_top = [media_only](const std::string& top) {
        return top == "media" || (!media_only && top == "workspace");
    };
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    std::string top = relative.begin()->string();
    if (!allowed_top(top)) return std::nullopt;
    std::error_code ec;
    fs::path root = fs::canonical(data_dir, ec);
    if (ec) return std::nullopt;
    fs::path file = fs::canonical(root / relative, ec);
    if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
    // Symlinks planted inside the folder must not lead out of it.
    auto inside = file.lexically_relative(root);
    if (inside.empty() || *inside.begin() == "..") return std::nullopt;
    std::string inside_top = inside.begin()->string();
    if (!allowed_top(inside_top)) return std::nullopt;
    return file;
}

awaitable<http::Response> serve_media(ApiContext& api, http::RequestContext& ctx) {
    const std::string& bot_id = ctx.param("id");
    auto reported = ctx.query_value("path");
    if (!reported) throw ClientError("missing_query", "query parameter \"path\" is required");
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await api.bot_store.find(bot_id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");

    fs::path data_dir = fs::path(bot->workspace_dir) / ".nanobot";
    std::string container_path =
        api.settings.get_string("runtime.docker_data_path", "/home/nanobot/.nanobot");
    auto relative = relative_media_path(*reported, data_dir, container_path);
    if (!relative) throw NotFound("media_not_found", "no such media file for this bot");
    bool media_only = ctx.session->role == auth::Role::kShare;
    std::optional<fs::path> file = co_await api.blocking.run([&data_dir, &relative, media_only] {
        return resolve_media(data_dir, *relative, media_only);
    });
    if (!file) throw NotFound("media_not_found", "no such media file for this bot");
    std::optional<std::string> content = co_await api.blocking.run([&file] {
        std::error_code ec;
        auto size = fs::file_size(*file, ec);
        if (ec || size > kMaxMediaBytes) return std::optional<std::string>();
        std::ifstream in(*file, std::ios::binary);
        std::ostringstream data;
        data << in.rdbuf();
        return std::optional<std::string>(data.str());
    });
    if (!content) throw ApiError(413, "media_too_large", "the file is too large to serve");

    auto response = http::json_response(ctx, 200, Json::object());
    auto type = inline_types().find(file->extension().string());
    bool inline_type = type != inline_types().end();
    response.set(boost::beast::http::field::content_type,
                 inline_type ? type->second : "application/octet-stream");
    response.set(boost::beast::http::field::content_disposition,
                 std::string(inline_type ? "inline" : "attachment") + "; filename=\"" +
                     safe_filename(file->filename().string()) + "\"");
    response.set(boost::beast::http::field::cache_control, "private, max-age=300");
    response.body() = std::move(*content);
    response.prepare_payload();
    co_return response;
}

}  // namespace

void register_media_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/bots/{id}/media", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return serve_media(api, ctx); });
}

}  // namespace nbdash::api
