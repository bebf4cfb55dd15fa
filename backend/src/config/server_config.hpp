// The server's typed configuration: command line first, then NBDASH_* environment variables,
// then defaults. validate() fails fast naming the bad key.
#pragma once

#include <cstdint>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace nbdash {

enum class RuntimeKind { kAuto, kProcess, kDocker };

struct ServerConfig {
    std::filesystem::path data_dir = ".data";
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url;  // libpq URI; holds a password, so never logged as is
    RuntimeKind runtime = RuntimeKind::kAuto;
    std::string docker_host = "unix:///var/run/docker.sock";
    std::filesystem::path images_dir;    // default <data_dir>/images
    std::filesystem::path bots_dir;      // default <data_dir>/bots
    std::filesystem::path frontend_dir;  // built SPA; empty = not served
    std::optional<std::string> admin_password;  // used only when no admin hash is stored yet
    bool log_json = false;
    std::string log_level = "info";
    int io_threads = 2;
    int db_connections = 4;
    bool secure_cookies = false;  // set behind TLS so the session cookie is Secure
    // Time a client gets to send a request's header and body (slow clients are cut off).
    std::chrono::seconds http_read_timeout{30};

    // Reads NBDASH_* variables into fields not set on the command line.
    void apply_environment();
    // Fills derived paths and checks ranges; throws std::invalid_argument naming the key.
    void validate();
};

RuntimeKind parse_runtime_kind(const std::string& text);
const char* to_string(RuntimeKind kind);

// The database URL with any password replaced, for logs.
std::string redact_database_url(const std::string& url);

}  // namespace nbdash
