// The real services an integration test runs against: a fresh database made by the project's
// own init script on the cluster named by PGHOST/PGPORT/PGUSER, and an nbdash server with
// simbot registered as its image.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/child_process.hpp"

namespace nbdash::testing {

// True when a PostgreSQL cluster is configured. Without one the calling test skips, unless
// NBDASH_REQUIRE_SERVICES=1 (set by ./test.sh), where it fails.
bool services_configured();
#define NBDASH_REQUIRE_CLUSTER()                                                         \
    do {                                                                                 \
        if (!::nbdash::testing::services_configured()) {                                 \
            if (std::getenv("NBDASH_REQUIRE_SERVICES")) FAIL() << "PGHOST is not set";   \
            GTEST_SKIP() << "no PostgreSQL cluster: set PGHOST/PGPORT/PGUSER";           \
        }                                                                                \
    } while (0)

class FreshDatabase {
public:
    FreshDatabase();  // runs scripts/init-full-db.sh into a new database
    ~FreshDatabase();
    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }
    // Runs SQL as the app role and returns the first column of the first row ("" when none).
    std::string scalar(const std::string& sql) const;
    void execute(const std::string& sql) const;

private:
    std::string name_;
    std::string url_;
};

class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct ServerOptions {
    std::map<std::string, std::string> env;
};

class NbdashServer {
public:
    static constexpr const char* kAdminPassword = "test-admin-password-1";

    NbdashServer(const FreshDatabase& database, const TempFolder& data, ServerOptions options = {});
    ~NbdashServer();

    std::uint16_t port() const { return port_; }
    ApiClient signed_in_client() const;
    std::filesystem::path log_file() const { return log_file_; }
    std::string log_text() const;
    int stop();

private:
    std::uint16_t port_ = 0;
    std::filesystem::path log_file_;
    std::unique_ptr<ChildProcess> process_;
};

// Copies simbot into <data>/images/simbot/nanobot and registers it as simbot:latest.
void install_simbot_image(const FreshDatabase& database, const TempFolder& data);

std::string source_dir();
std::uint16_t free_port();

// Polls fn every 20 ms until it returns true or the timeout passes.
bool eventually(const std::function<bool()>& fn, std::chrono::milliseconds timeout);

}  // namespace nbdash::testing
