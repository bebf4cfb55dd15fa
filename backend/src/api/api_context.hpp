// What the route handlers need, built once in main and passed by reference.
#pragma once

#include <filesystem>
#include <string>

#include "auth/login_throttle.hpp"
#include "auth/session_store.hpp"
#include "botconfig/config_service.hpp"
#include "bots/bot_service.hpp"
#include "common/blocking_pool.hpp"
#include "db/alert_store.hpp"
#include "db/bot_store.hpp"
#include "db/chat_store.hpp"
#include "db/credential_store.hpp"
#include "db/database.hpp"
#include "db/event_store.hpp"
#include "db/image_store.hpp"
#include "db/setting_store.hpp"
#include "db/skill_store.hpp"
#include "db/usage_store.hpp"
#include "docker/image_service.hpp"
#include "http/router.hpp"
#include "realtime/hub.hpp"
#include "settings/settings.hpp"

namespace nbdash::api {

struct ApiContext {
    bots::BotService& bots;
    db::Database& database;
    db::BotStore& bot_store;
    db::ChatStore& chat;
    db::EventStore& events;
    db::ImageStore& images;
    auth::SessionStore& sessions;
    auth::LoginThrottle& throttle;
    Settings& settings;
    BlockingPool& blocking;
    realtime::Hub& hub;
    std::filesystem::path images_dir;
    std::string runtime_name;
    bool secure_cookies = false;
    // Local images of the Docker runtime; null on the process runtime.
    docker::ImageService* docker_images = nullptr;
    // API tokens, the admin password hash and bots' share passwords; set in main.
    db::CredentialStore* credentials = nullptr;
    // Alert episodes (set in main).
    db::AlertStore* alert_store = nullptr;
    // Bot files, skills and settings (set in main).
    botconfig::ConfigService* bot_config = nullptr;
    db::SkillStore* skill_store = nullptr;
    db::SettingStore* setting_store = nullptr;
    // Usage reports (set in main).
    db::UsageStore* usage = nullptr;
};

void register_health_routes(http::Router& router, ApiContext& api);
void register_auth_routes(http::Router& router, ApiContext& api);
void register_bot_routes(http::Router& router, ApiContext& api);
void register_chat_routes(http::Router& router, ApiContext& api);
void register_image_routes(http::Router& router, ApiContext& api);
void register_event_routes(http::Router& router, ApiContext& api);
void register_alert_routes(http::Router& router, ApiContext& api);
void register_media_routes(http::Router& router, ApiContext& api);
void register_token_routes(http::Router& router, ApiContext& api);
void register_share_routes(http::Router& router, ApiContext& api);

// The admin session an API token stands for during one request; nullopt for an unknown token.
boost::asio::awaitable<std::optional<auth::Session>> session_for_token(ApiContext& api,
                                                                     std::string token);
void register_config_routes(http::Router& router, ApiContext& api);
void register_bot_file_routes(http::Router& router, ApiContext& api);
void register_skill_routes(http::Router& router, ApiContext& api);
void register_setting_routes(http::Router& router, ApiContext& api);
void register_usage_routes(http::Router& router, ApiContext& api);

inline void register_all_routes(http::Router& router, ApiContext& api) {
    register_health_routes(router, api);
    register_auth_routes(router, api);
    register_bot_routes(router, api);
    register_chat_routes(router, api);
    register_image_routes(router, api);
    register_event_routes(router, api);
    register_alert_routes(router, api);
    register_media_routes(router, api);
    register_token_routes(router, api);
    register_share_routes(router, api);
    register_config_routes(router, api);
    register_bot_file_routes(router, api);
    register_skill_routes(router, api);
    register_setting_routes(router, api);
    register_usage_routes(router, api);
}

// The setting row that holds the admin password's argon2id hash (never returned by any API).
inline constexpr const char* kAdminPasswordHashKey = "auth.admin_password_hash";

}  // namespace nbdash::api
