// Credentials kept in the database: API tokens (api_token, by digest only), the admin password
// hash (a sys_setting row) and bots' share password hashes (bot_instance.access_password).
// Nothing here ever holds a password or a token in clear.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"

namespace nbdash::db {

struct ApiTokenRecord {
    std::int64_t id = 0;
    std::string name;
    std::string prefix;  // the token's first characters, to tell tokens apart in a list
    std::string created_at;
    std::optional<std::string> last_used_at;
};

class CredentialStore {
public:
    explicit CredentialStore(Database& db);

    boost::asio::awaitable<std::vector<ApiTokenRecord>> list_tokens();
    boost::asio::awaitable<ApiTokenRecord> insert_token(std::string name, std::string digest,
                                                        std::string prefix);
    // False when no token has this id.
    boost::asio::awaitable<bool> remove_token(std::int64_t id);
    // The token with this digest, and marks it used (at most one write a minute per token).
    boost::asio::awaitable<std::optional<ApiTokenRecord>> use_token(std::string digest);

    // Replaces the stored admin password hash; false when its row is missing.
    boost::asio::awaitable<bool> set_admin_password_hash(std::string hash);

    // The bot's share password hash; nullopt when the bot is unknown or has none.
    boost::asio::awaitable<std::optional<std::string>> bot_access_hash(std::string bot_id);
    // Sets (hash) or clears (nullopt) a bot's share password; false when the bot is unknown.
    boost::asio::awaitable<bool> set_bot_access_hash(std::string bot_id,
                                                     std::optional<std::string> hash);

private:
    Database& db_;
};

}  // namespace nbdash::db
