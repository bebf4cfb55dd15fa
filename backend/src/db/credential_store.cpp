#include "db/credential_store.hpp"

namespace nbdash::db {

namespace {

const std::string kTokenColumns = "id, name, prefix, " + iso_time("created_at") +
                                  " AS created_at, " + iso_time("last_used_at") +
                                  " AS last_used_at";

ApiTokenRecord to_token(const pqxx::row& row) {
    ApiTokenRecord token;
    token.id = row["id"].as<std::int64_t>();
    token.name = row["name"].as<std::string>();
    token.prefix = row["prefix"].as<std::string>();
    token.created_at = row["created_at"].as<std::string>();
    if (!row["last_used_at"].is_null()) token.last_used_at = row["last_used_at"].as<std::string>();
    return token;
}

}  // namespace

CredentialStore::CredentialStore(Database& db) : db_(db) {
    db_.prepare("token_list", "SELECT " + kTokenColumns + " FROM api_token ORDER BY id");
    db_.prepare("token_insert",
                "INSERT INTO api_token (name, token_digest, prefix) VALUES ($1, $2, $3) "
                "RETURNING " + kTokenColumns);
    db_.prepare("token_remove", "DELETE FROM api_token WHERE id = $1");
    db_.prepare("token_find", "SELECT " + kTokenColumns + " FROM api_token WHERE token_digest = $1");
    // A script calling in a loop must not turn every request into a write.
    db_.prepare("token_touch",
                "UPDATE api_token SET last_used_at = now() WHERE id = $1 AND "
                "(last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')");
    db_.prepare("admin_password_set",
                "UPDATE sys_setting SET value_json = to_jsonb($1::text), updated_at = now() "
                "WHERE key = 'auth.admin_password_hash'");
    db_.prepare("bot_access_hash", "SELECT access_password FROM bot_instance WHERE id = $1");
    db_.prepare("bot_access_set",
                "UPDATE bot_instance SET access_password = $2 WHERE id = $1");
}

boost::asio::awaitable<std::vector<ApiTokenRecord>> CredentialStore::list_tokens() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<ApiTokenRecord> tokens;
        for (const auto& row : tx.exec_prepared("token_list")) tokens.push_back(to_token(row));
        return tokens;
    });
}

boost::asio::awaitable<ApiTokenRecord> CredentialStore::insert_token(std::string name,
                                                                     std::string digest,
                                                                     std::string prefix) {
    return db_.run([name = std::move(name), digest = std::move(digest),
                    prefix = std::move(prefix)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_prepared("token_insert", name, digest, prefix);
        tx.commit();
        return to_token(rows[0]);
    });
}

boost::asio::awaitable<bool> CredentialStore::remove_token(std::int64_t id) {
    return db_.run([id](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("token_remove", id);
        tx.commit();
        return result.affected_rows() > 0;
    });
}

boost::asio::awaitable<std::optional<ApiTokenRecord>> CredentialStore::use_token(
    std::string digest) {
    return db_.run([digest = std::move(digest)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_prepared("token_find", digest);
        if (rows.empty()) return std::optional<ApiTokenRecord>{};
        auto token = to_token(rows[0]);
        tx.exec_prepared("token_touch", token.id);
        tx.commit();
        return std::optional<ApiTokenRecord>{token};
    });
}

boost::asio::awaitable<bool> CredentialStore::set_admin_password_hash(std::string hash) {
    return db_.run([hash = std::move(hash)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("admin_password_set", hash);
        tx.commit();
        return result.affected_rows() > 0;
    });
}

boost::asio::awaitable<std::optional<std::string>> CredentialStore::bot_access_hash(
    std::string bot_id) {
    return db_.run([bot_id = std::move(bot_id)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_prepared("bot_access_hash", bot_id);
        if (rows.empty() || rows[0][0].is_null()) return std::optional<std::string>{};
        return std::optional<std::string>{rows[0][0].as<std::string>()};
    });
}

boost::asio::awaitable<bool> CredentialStore::set_bot_access_hash(std::string bot_id,
                                                                  std::optional<std::string> hash) {
    return db_.run([bot_id = std::move(bot_id), hash = std::move(hash)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_access_set", bot_id, hash);
        tx.commit();
        return result.affected_rows() > 0;
    });
}

}  // namespace nbdash::db
