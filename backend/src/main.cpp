// nbdash: the Dashboard Nanobot server. Composition root: read the configuration, check the
// database, build the stores, runtime, channels and HTTP server, and run until signalled.
#include <csignal>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <sodium.h>

#include "alerts/alert_monitor.hpp"
#include "api/api_context.hpp"
#include "auth/password_hash.hpp"
#include "bots/fleet_monitor.hpp"
#include "bots/log_followers.hpp"
#include "common/io_pool.hpp"
#include "common/log.hpp"
#include "config/server_config.hpp"
#include "db/schema_check.hpp"
#include "http/server.hpp"
#include "realtime/browser_session.hpp"
#include "retention/retention_purge.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/process_driver.hpp"
#include "usage/ledger_importer.hpp"

namespace {

using namespace nbdash;
namespace asio = boost::asio;

constexpr int kExitConfig = 2;
constexpr int kExitSchema = 3;
constexpr int kExitDatabase = 4;

int check_database(const std::string& url) {
    try {
        auto report = db::check_schema(url);
        if (!report.ok()) {
            std::cerr << "nbdash: " << report.describe() << "\n";
            return kExitSchema;
        }
    } catch (const std::exception& e) {
        std::cerr << "nbdash: cannot connect to the database ("
                  << redact_database_url(url) << "): " << e.what() << "\n";
        return kExitDatabase;
    }
    return 0;
}

db::SettingRecord admin_password_row(const std::string& password) {
    db::SettingRecord row;
    row.key = api::kAdminPasswordHashKey;
    row.name = "Admin password hash";
    row.category = "auth";
    row.description = "argon2id hash of the admin password; never shown by the API.";
    row.value_type = "string";
    row.value = auth::hash_password(password);
    row.sort_order = 1000;
    return row;
}

// Stores the admin password's hash on first start; later starts keep the stored one, so a
// password changed later survives restarts.
bool ensure_admin_password(db::SettingStore& store, Settings& settings,
                           const std::optional<std::string>& password) {
    if (!settings.get_string(api::kAdminPasswordHashKey, "").empty()) {
        if (password) {
            log::info("an admin password is already stored; NBDASH_ADMIN_PASSWORD is not used "
                      "(nbdash reset-admin-password replaces it)");
        }
        return true;
    }
    if (!password) return false;
    store.insert_if_absent_blocking(admin_password_row(*password));
    settings.load_blocking();
    log::info("admin password stored (hashed)");
    return true;
}

int serve(ServerConfig config) {
    try {
        config.apply_environment();
        config.validate();
    } catch (const std::exception& e) {
        std::cerr << "nbdash: " << e.what() << "\n";
        return kExitConfig;
    }
    log::init(config.log_json ? log::Format::kJson : log::Format::kText,
              spdlog::level::from_str(config.log_level));
    if (int rc = check_database(config.database_url); rc != 0) return rc;

    IoPool pool(config.io_threads);
    asio::io_context& io = pool.main();
    BlockingPool blocking(2);
    db::Database database(config.database_url, config.db_connections);
    db::BotStore bot_store(database);
    db::ChatStore chat_store(database);
    db::EventStore event_store(database);
    db::AlertStore alert_store(database);
    db::RetentionStore retention_store(database);
    db::ImageStore image_store(database);
    db::SettingStore setting_store(database);
    db::CredentialStore credential_store(database);
    db::RevisionStore revision_store(database);
    db::SkillStore skill_store(database);
    db::UsageStore usage_store(database);
    Settings settings(setting_store);
    try {
        database.connect();
        settings.load_blocking();
    } catch (const std::exception& e) {
        std::cerr << "nbdash: database start-up failed: " << e.what() << "\n";
        return kExitDatabase;
    }
    if (!ensure_admin_password(setting_store, settings, config.admin_password)) {
        std::cerr << "nbdash: no admin password is set yet; start once with "
                     "NBDASH_ADMIN_PASSWORD\n";
        return kExitConfig;
    }

    workspace::BotFiles files(config.bots_dir);
    runtime::ProcessDriver process_driver(io, blocking, files, config.images_dir);
    // auto: Docker when its socket answers, else processes; docker: Docker or nothing.
    std::unique_ptr<runtime::DockerRuntime> docker;
    if (config.runtime != RuntimeKind::kProcess &&
        runtime::docker_answers(config.docker_host, std::chrono::seconds(3))) {
        try {
            runtime::DockerOptions options;
            options.network = runtime::bot_network(settings);
            docker = std::make_unique<runtime::DockerRuntime>(io, blocking, files, settings,
                                                              config.docker_host, options);
        } catch (const std::exception& e) {
            std::cerr << "nbdash: " << e.what() << "\n";
            return kExitConfig;
        }
    } else if (config.runtime == RuntimeKind::kDocker) {
        std::cerr << "nbdash: NBDASH_RUNTIME=docker but the Docker daemon at "
                  << config.docker_host << " does not answer\n";
        return kExitConfig;
    }
    runtime::RuntimeDriver& driver =
        docker ? static_cast<runtime::RuntimeDriver&>(docker->driver) : process_driver;
    realtime::Hub hub;
    bots::BotService bot_service(io, {bot_store, chat_store, event_store, image_store}, files,
                                 driver, hub, settings, blocking);
    bot_service.channels().set_executor_source(pool.source());
    bots::FleetMonitor fleet_monitor(io, bot_store, event_store, driver, files, hub, settings,
                                     blocking, bot_service.stats());
    bots::LogFollowers log_followers(io, driver, hub);
    alerts::AlertWebhook alert_webhook(io);
    alerts::AlertMonitor alert_monitor(io, alert_store, bot_service, hub, settings, alert_webhook);
    retention::RetentionPurge retention_purge(io, retention_store, settings);
    botconfig::ConfigDeps config_deps{bot_store, event_store, revision_store, skill_store,
                                      files,     hub,         settings,       blocking};
    botconfig::ConfigService bot_config(config_deps);
    auth::SessionStore sessions;
    auth::LoginThrottle throttle;
    api::ApiContext api_context{bot_service, database,   bot_store,   chat_store,
                                event_store, image_store, sessions,   throttle,
                                settings,    blocking,    hub,        config.images_dir,
                                driver.name(), config.secure_cookies};
    if (docker) api_context.docker_images = &docker->images;
    api_context.credentials = &credential_store;
    api_context.alert_store = &alert_store;
    api_context.bot_config = &bot_config;
    api_context.skill_store = &skill_store;
    api_context.setting_store = &setting_store;
    api_context.usage = &usage_store;
    usage::LedgerImporter ledger_importer(bot_store, usage_store, files, settings, blocking);
    http::Router router;
    api::register_all_routes(router, api_context);
    http::StaticFiles static_files(config.frontend_dir);

    auto accept_websocket = [&](boost::beast::tcp_stream stream, http::Request request,
                                auth::Session session) {
        auto joiner = [&bot_service](const std::string& bot_id,
                                     const std::function<void()>& subscribe) {
            return bot_service.channels().join(bot_id, subscribe);
        };
        auto browser = std::make_shared<realtime::BrowserSession>(std::move(stream),
                                                                  std::move(session), hub, joiner);
        browser->set_session_check([&sessions, token = http::session_cookie(request)] {
            return sessions.peek(token).has_value();
        });
        browser->start(std::move(request));
    };
    http::ServerOptions options;
    options.bind_address = config.bind_address;
    options.port = config.port;
    options.read_timeout = config.http_read_timeout;
    options.connection_executor = pool.source();
    http::Server server(io, options, router, static_files, sessions, accept_websocket);
    server.set_token_authenticator([&api_context](std::string token) {
        return api::session_for_token(api_context, std::move(token));
    });
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "nbdash: cannot listen on " << config.bind_address << ":" << config.port
                  << ": " << e.what() << "\n";
        return kExitConfig;
    }

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int signal) {
        log::info("shutting down", {log::kv("signal", signal)});
        server.stop();
        bot_service.shutdown();
        process_driver.stop_all_now();
        // The turns the shutdown cut short are recorded (partial text kept, request marked
        // interrupted) before the threads stop: a first pause lets every channel close its turn,
        // then the records are awaited, five seconds at most.
        asio::co_spawn(io, [&]() -> asio::awaitable<void> {
            asio::steady_timer pause(io);
            for (int i = 0; i < 100; ++i) {
                pause.expires_after(std::chrono::milliseconds(50));
                co_await pause.async_wait(asio::use_awaitable);
                if (i >= 2 && bot_service.turns_being_stored() == 0) break;
            }
            pool.stop();
        }, asio::detached);
    });
    // Containers outlive the dashboard; the event stream keeps their state true meanwhile.
    if (docker) docker->driver.follow_events();
    asio::co_spawn(io, bot_service.recover(), [](std::exception_ptr failure) {
        if (failure) log::error("recovering bots after start-up failed");
    });
    fleet_monitor.start();
    alert_monitor.start();
    retention_purge.start();
    asio::co_spawn(io, settings.reload_periodically(), asio::detached);
    asio::co_spawn(io, ledger_importer.run_periodically(), asio::detached);

    log::info("nbdash started",
              {log::kv("url", "http://" + config.bind_address + ":" + std::to_string(server.port())),
               log::kv("runtime", driver.name()), log::kv("data_dir", config.data_dir.string()),
               log::kv("database", redact_database_url(config.database_url)),
               log::kv("frontend", config.frontend_dir.empty() ? "(none)"
                                                                : config.frontend_dir.string())});
    pool.run();
    log::info("nbdash stopped");
    return 0;
}

// Replaces the stored admin password with NBDASH_ADMIN_PASSWORD; for an operator who lost it.
int reset_admin_password(ServerConfig config) {
    config.apply_environment();
    if (!config.admin_password || config.admin_password->size() < 8) {
        std::cerr << "nbdash: set NBDASH_ADMIN_PASSWORD to the new password (8 characters or "
                     "more)\n";
        return kExitConfig;
    }
    if (int rc = check_database(config.database_url); rc != 0) return rc;
    try {
        db::Database database(config.database_url, 1);
        db::SettingStore store(database);
        database.connect();
        store.upsert_blocking(admin_password_row(*config.admin_password));
    } catch (const std::exception& e) {
        std::cerr << "nbdash: " << e.what() << "\n";
        return kExitDatabase;
    }
    std::cout << "admin password replaced; restart nbdash to end existing sessions\n";
    return 0;
}

int add_image(const std::string& url, const std::string& tag, const std::string& source_dir,
              const std::string& version, bool docker_context, ServerConfig config) {
    config.apply_environment();
    std::string database_url = url.empty() ? config.database_url : url;
    if (int rc = check_database(database_url); rc != 0) return rc;
    try {
        config.database_url = database_url;
        config.validate();
        db::ImageRecord image;
        image.tag = tag;
        image.status = "ready";
        if (docker_context) {
            // A Docker image built from a folder with a Dockerfile, through the Engine API.
            auto built = runtime::build_image_now(config.docker_host, tag, source_dir);
            if (!built.ok) {
                std::cerr << built.log << "nbdash: the image build failed\n";
                return 1;
            }
            image.image_id = built.image_id;
            image.source_dir = source_dir;
        } else {
            image.source_dir =
                runtime::image_executable(config.images_dir, source_dir).parent_path().string();
        }
        db::Database database(database_url, 1);
        db::ImageStore images(database);
        database.connect();
        if (!version.empty()) image.version = version;
        images.upsert_blocking(image);
        std::cout << "image " << tag << " registered from " << *image.source_dir << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "nbdash: " << e.what() << "\n";
        return kExitConfig;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        std::cerr << "nbdash: libsodium failed to initialise\n";
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);

    CLI::App app{"Dashboard Nanobot: control plane for a fleet of nanobot agents"};
    app.require_subcommand(1);
    ServerConfig config;
    std::string runtime_text;

    auto* serve_cmd = app.add_subcommand("serve", "run the HTTP API, console and bot runtime");
    serve_cmd->add_option("--data-dir", config.data_dir, "data directory (default ./.data)");
    serve_cmd->add_option("--port", config.port, "HTTP port (default 8080)");
    serve_cmd->add_option("--bind", config.bind_address, "listen address (default 127.0.0.1)");
    serve_cmd->add_option("--database-url", config.database_url,
                          "libpq URI (default: NBDASH_DATABASE_URL)");
    serve_cmd->add_option("--frontend-dir", config.frontend_dir, "built console to serve");
    serve_cmd->add_option("--io-threads", config.io_threads, "network threads (default 2)");
    serve_cmd->add_option("--runtime", runtime_text, "auto, process or docker");

    std::string check_url;
    auto* check_cmd = app.add_subcommand("check-db", "check the tables and core settings");
    check_cmd->add_option("--database-url", check_url, "libpq URI (default: NBDASH_DATABASE_URL)");

    std::string image_url, image_tag, image_dir, image_version;
    auto* image_cmd = app.add_subcommand("add-image", "register a process-runtime image folder");
    image_cmd->add_option("--database-url", image_url, "libpq URI");
    image_cmd->add_option("--tag", image_tag, "image tag, e.g. simbot:latest")->required();
    image_cmd->add_option("--source-dir", image_dir, "folder holding the nanobot executable")
        ->required();
    image_cmd->add_option("--version", image_version, "version label");
    bool image_docker = false;
    image_cmd->add_flag("--docker", image_docker,
                        "build --source-dir (holding a Dockerfile) on the Docker daemon");
    image_cmd->add_option("--data-dir", config.data_dir, "data directory (default ./.data)");

    auto* reset_cmd = app.add_subcommand(
        "reset-admin-password", "replace the admin password with NBDASH_ADMIN_PASSWORD");

    CLI11_PARSE(app, argc, argv);

    if (reset_cmd->parsed()) return reset_admin_password(config);

    if (serve_cmd->parsed()) {
        if (!runtime_text.empty()) {
            try {
                config.runtime = parse_runtime_kind(runtime_text);
            } catch (const std::exception& e) {
                std::cerr << "nbdash: " << e.what() << "\n";
                return kExitConfig;
            }
        }
        return serve(config);
    }
    if (check_cmd->parsed()) {
        config.apply_environment();
        std::string url = check_url.empty() ? config.database_url : check_url;
        if (url.empty()) {
            std::cerr << "nbdash: set NBDASH_DATABASE_URL or --database-url\n";
            return kExitConfig;
        }
        int rc = check_database(url);
        if (rc == 0) std::cout << "database ok: every table and core setting is present\n";
        return rc;
    }
    return add_image(image_url, image_tag, image_dir, image_version, image_docker, config);
}
