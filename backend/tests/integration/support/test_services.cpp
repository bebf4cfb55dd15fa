#include "support/test_services.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <pqxx/pqxx>

#include "common/ids.hpp"

namespace nbdash::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kAppRole = "nbdash_test";
constexpr const char* kAppPassword = "test-only-password";

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

}  // namespace

bool services_configured() { return std::getenv("PGHOST") != nullptr; }

std::string source_dir() { return NBDASH_SOURCE_DIR; }

std::uint16_t free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

bool eventually(const std::function<bool()>& fn, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (fn()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return fn();
}

FreshDatabase::FreshDatabase() : name_("nbdash_test_" + random_hex(5)) {
    std::string output;
    int code = run_command({"/bin/bash", source_dir() + "/scripts/init-full-db.sh"},
                           {{"NBDASH_DB_NAME", name_},
                            {"NBDASH_DB_USER", kAppRole},
                            {"NBDASH_DB_PASSWORD", kAppPassword}},
                           output);
    if (code != 0) throw std::runtime_error("init-full-db.sh failed: " + output);
    url_ = "postgresql://" + std::string(kAppRole) + ":" + kAppPassword + "@" +
           env_or("PGHOST", "127.0.0.1") + ":" + env_or("PGPORT", "5432") + "/" + name_;
}

FreshDatabase::~FreshDatabase() {
    std::string output;
    run_command({"/usr/bin/psql", "-X", "-q", "-d", "postgres", "-c",
                 "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"},
                {}, output);
}

std::string FreshDatabase::scalar(const std::string& sql) const {
    pqxx::connection connection(url_);
    pqxx::work tx(connection);
    auto result = tx.exec(sql);
    tx.commit();
    if (result.empty() || result[0][0].is_null()) return "";
    return result[0][0].as<std::string>();
}

void FreshDatabase::execute(const std::string& sql) const {
    pqxx::connection connection(url_);
    pqxx::work tx(connection);
    tx.exec(sql);
    tx.commit();
}

TempFolder::TempFolder() : path_(fs::temp_directory_path() / ("nbdash-it-" + random_hex(6))) {
    fs::create_directories(path_);
}

TempFolder::~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void install_simbot_image(const FreshDatabase& database, const TempFolder& data) {
    fs::path image = data.path() / "images" / "simbot";
    fs::create_directories(image);
    fs::copy_file(SIMBOT_BINARY, image / "nanobot", fs::copy_options::overwrite_existing);
    std::string output;
    int code = run_command({NBDASH_BINARY, "add-image", "--database-url", database.url(),
                            "--data-dir", data.path().string(), "--tag", "simbot:latest",
                            "--source-dir", image.string(), "--version", "test"},
                           {}, output);
    if (code != 0) throw std::runtime_error("add-image failed: " + output);
}

NbdashServer::NbdashServer(const FreshDatabase& database, const TempFolder& data,
                           ServerOptions options)
    : port_(free_port()), log_file_(data.path() / ("nbdash-" + random_hex(3) + ".log")) {
    std::map<std::string, std::string> env = {
        {"NBDASH_DATABASE_URL", database.url()},
        {"NBDASH_ADMIN_PASSWORD", kAdminPassword},
        {"NBDASH_RUNTIME", "process"},
        {"SIMBOT_CHUNK_DELAY_MS", "2"},
    };
    for (const auto& [k, v] : options.env) env[k] = v;
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{NBDASH_BINARY, "serve", "--port", std::to_string(port_),
                                 "--data-dir", data.path().string()},
        env, log_file_);
    ApiClient probe(port_);
    bool up = eventually([&] { return probe.get("/api/health").status == 200; },
                         std::chrono::seconds(20));
    if (!up) throw std::runtime_error("nbdash did not come up: " + log_text());
}

NbdashServer::~NbdashServer() { stop(); }

int NbdashServer::stop() { return process_ ? process_->stop() : 0; }

ApiClient NbdashServer::signed_in_client() const {
    ApiClient client(port_);
    auto response = client.login(kAdminPassword);
    if (response.status != 200) throw std::runtime_error("login failed: " + response.body);
    return client;
}

std::string NbdashServer::log_text() const {
    std::ifstream in(log_file_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace nbdash::testing
