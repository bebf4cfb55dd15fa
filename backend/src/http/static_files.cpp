#include "http/static_files.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "http/responses.hpp"
#include "http/router.hpp"

namespace nbdash::http {

namespace {

namespace beast_http = boost::beast::http;

std::string content_type_for(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
        {".svg", "image/svg+xml"},             {".png", "image/png"},
        {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
        {".woff", "font/woff"},                {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},          {".webp", "image/webp"},
    };
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

bool is_safe_segment(const std::string& segment) {
    if (segment == "." || segment == ".." || segment.empty()) return false;
    for (char c : segment) {
        if (c == '\\' || c == '\0' || c == '%') return false;
    }
    return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {
    std::error_code ec;
    auto canonical = std::filesystem::canonical(root_, ec);
    if (!ec) root_ = canonical;
}

std::optional<std::filesystem::path> StaticFiles::resolve(std::string_view path) const {
    std::filesystem::path file = root_;
    for (const auto& segment : split_path(path)) {
        if (!is_safe_segment(segment)) return std::nullopt;
        file /= segment;
    }
    std::error_code ec;
    auto canonical = std::filesystem::canonical(file, ec);
    if (ec || !std::filesystem::is_regular_file(canonical, ec)) return std::nullopt;
    // A symlink inside the folder must not lead out of it.
    auto relative = canonical.lexically_relative(root_);
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    return canonical;
}

std::optional<Response> StaticFiles::serve(const Request& request, std::string_view path) const {
    if (root_.empty()) return std::nullopt;
    auto file = resolve(path);
    bool is_asset = path.starts_with("/assets/");
    if (!file) {
        // Unknown asset names and file names (favicon.ico, robots.txt) are real misses; any
        // other path is a route of the single-page app (/bots/alpha, /share/alpha).
        auto last_slash = path.rfind('/');
        std::string_view last = last_slash == std::string_view::npos ? path
                                                                     : path.substr(last_slash + 1);
        if (is_asset || last.find('.') != std::string_view::npos) return std::nullopt;
        file = resolve("/index.html");
        if (!file) return std::nullopt;
    }

    std::ifstream in(*file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();

    Response response{beast_http::status::ok, request.version()};
    response.set(beast_http::field::content_type, content_type_for(*file));
    // Vite names assets by content hash, so they never change; index.html must always revalidate.
    response.set(beast_http::field::cache_control,
                 is_asset ? "public, max-age=31536000, immutable" : "no-cache");
    response.keep_alive(request.keep_alive());
    if (request.method() != beast_http::verb::head) response.body() = content.str();
    response.prepare_payload();
    if (request.method() == beast_http::verb::head) {
        response.content_length(static_cast<std::uint64_t>(content.str().size()));
    }
    return response;
}

}  // namespace nbdash::http
