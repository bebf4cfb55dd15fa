// Path and name validation: a bot id that passes is_valid_bot_id can name a folder and a
// container safely, and no URL path makes the static file server answer with a file outside
// its folder.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <sodium.h>

#include "common/ids.hpp"
#include "http/static_files.hpp"

namespace {

namespace fs = std::filesystem;

// A console folder with one page, and a secret beside it that must never be served.
const nbdash::http::StaticFiles& console() {
    static const fs::path root = [] {
        fs::path base = fs::temp_directory_path() / ("nbdash-fuzz-" + std::to_string(getpid()));
        fs::create_directories(base / "site" / "assets");
        std::ofstream(base / "site" / "index.html") << "INDEX";
        std::ofstream(base / "site" / "assets" / "app.js") << "ASSET";
        std::ofstream(base / "secret.txt") << "SECRET";
        std::error_code ec;
        fs::create_symlink(base / "secret.txt", base / "site" / "assets" / "link.js", ec);
        return base / "site";
    }();
    static const nbdash::http::StaticFiles files(root);
    return files;
}

void check_bot_id(std::string_view id) {
    if (!nbdash::is_valid_bot_id(id)) return;
    if (id.size() < 2 || id.size() > 63) __builtin_trap();
    for (char c : id) {
        bool slug = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!slug) __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool ready = sodium_init() >= 0;
    (void)ready;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    check_bot_id(text);
    if (text.find('\0') != std::string_view::npos) return 0;

    std::string path = "/" + std::string(text);
    nbdash::http::Request request{nbdash::http::Verb::get, path, 11};
    auto response = console().serve(request, path);
    if (response && response->body() != "INDEX" && response->body() != "ASSET") __builtin_trap();
    return 0;
}
