#include "config/server_config.hpp"

#include <charconv>
#include <cstdlib>
#include <regex>
#include <stdexcept>

namespace nbdash {

namespace {

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

}  // namespace

RuntimeKind parse_runtime_kind(const std::string& text) {
    if (text == "auto") return RuntimeKind::kAuto;
    if (text == "process") return RuntimeKind::kProcess;
    if (text == "docker") return RuntimeKind::kDocker;
    throw std::invalid_argument("NBDASH_RUNTIME must be auto, process or docker, not '" + text +
                                "'");
}

const char* to_string(RuntimeKind kind) {
    switch (kind) {
    case RuntimeKind::kAuto: return "auto";
    case RuntimeKind::kProcess: return "process";
    case RuntimeKind::kDocker: return "docker";
    }
    return "auto";
}

void ServerConfig::apply_environment() {
    if (database_url.empty()) database_url = env("NBDASH_DATABASE_URL").value_or("");
    if (auto v = env("NBDASH_RUNTIME")) runtime = parse_runtime_kind(*v);
    if (auto v = env("NBDASH_DOCKER_HOST")) docker_host = *v;
    if (images_dir.empty()) {
        if (auto v = env("NBDASH_IMAGES_DIR")) images_dir = *v;
    }
    if (frontend_dir.empty()) {
        if (auto v = env("NBDASH_FRONTEND_DIR")) frontend_dir = *v;
    }
    if (!admin_password) admin_password = env("NBDASH_ADMIN_PASSWORD");
    if (auto v = env("NBDASH_LOG_FORMAT")) log_json = (*v == "json");
    if (auto v = env("NBDASH_LOG_LEVEL")) log_level = *v;
    if (auto v = env("NBDASH_SECURE_COOKIES")) secure_cookies = (*v == "1" || *v == "true");
    if (auto v = env("NBDASH_HTTP_READ_TIMEOUT_SECONDS")) {
        int seconds = 0;
        auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), seconds);
        if (ec != std::errc() || end != v->data() + v->size() || seconds < 1 || seconds > 3600) {
            throw std::invalid_argument("NBDASH_HTTP_READ_TIMEOUT_SECONDS must be 1 to 3600");
        }
        http_read_timeout = std::chrono::seconds(seconds);
    }
}

void ServerConfig::validate() {
    if (database_url.empty()) {
        throw std::invalid_argument(
            "NBDASH_DATABASE_URL (or --database-url) must name the database, e.g. "
            "postgresql://nbdash@127.0.0.1:5432/nbdash");
    }
    if (port == 0) throw std::invalid_argument("--port must be between 1 and 65535");
    if (io_threads < 1 || io_threads > 64) {
        throw std::invalid_argument("--io-threads must be between 1 and 64");
    }
    if (db_connections < 1 || db_connections > 64) {
        throw std::invalid_argument("--db-connections must be between 1 and 64");
    }
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) throw std::invalid_argument("--data-dir cannot be created: " + ec.message());
    data_dir = std::filesystem::canonical(data_dir);
    if (images_dir.empty()) images_dir = data_dir / "images";
    if (bots_dir.empty()) bots_dir = data_dir / "bots";
    std::filesystem::create_directories(images_dir, ec);
    std::filesystem::create_directories(bots_dir, ec);
    images_dir = std::filesystem::weakly_canonical(images_dir);
    bots_dir = std::filesystem::weakly_canonical(bots_dir);
}

std::string redact_database_url(const std::string& url) {
    static const std::regex password_in_uri(R"(^(\w+://[^:/@]*:)[^@]*@)");
    static const std::regex password_param(R"((password=)[^&\s]*)");
    std::string out = std::regex_replace(url, password_in_uri, "$1***@");
    return std::regex_replace(out, password_param, "$1***");
}

}  // namespace nbdash
