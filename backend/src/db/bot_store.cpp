#include "db/bot_store.hpp"

namespace nbdash::db {

namespace {

const std::string kColumns =
    "id, name, enabled, access_password IS NOT NULL AS has_access_password, workspace_dir, "
    "docker_status, current_state, last_action, state_detail, image_tag, needs_restart, " +
    iso_time("created_at") + " AS created_at, " + iso_time("updated_at") + " AS updated_at";

// kColumns with every bare column name qualified by a table alias.
std::string prefixed_columns(const std::string& alias) {
    return alias + ".id, " + alias + ".name, " + alias + ".enabled, " + alias +
           ".access_password IS NOT NULL AS has_access_password, " + alias + ".workspace_dir, " +
           alias + ".docker_status, " + alias + ".current_state, " + alias + ".last_action, " +
           alias + ".state_detail, " + alias + ".image_tag, " + alias + ".needs_restart, " +
           iso_time(alias + ".created_at") + " AS created_at, " +
           iso_time(alias + ".updated_at") + " AS updated_at";
}

BotRecord to_bot(const pqxx::row& row) {
    BotRecord bot;
    bot.id = row["id"].as<std::string>();
    bot.name = row["name"].as<std::string>();
    bot.enabled = row["enabled"].as<bool>();
    bot.has_access_password = row["has_access_password"].as<bool>();
    bot.workspace_dir = row["workspace_dir"].as<std::string>();
    bot.docker_status = row["docker_status"].as<std::string>();
    bot.current_state = row["current_state"].as<std::string>();
    bot.last_action = row["last_action"].as<std::string>();
    if (!row["state_detail"].is_null()) bot.state_detail = row["state_detail"].as<std::string>();
    bot.image_tag = row["image_tag"].as<std::string>();
    bot.needs_restart = row["needs_restart"].as<bool>();
    bot.created_at = row["created_at"].as<std::string>();
    bot.updated_at = row["updated_at"].as<std::string>();
    return bot;
}

std::optional<BotRecord> first_bot(const pqxx::result& result) {
    if (result.empty()) return std::nullopt;
    return to_bot(result[0]);
}

}  // namespace

BotStore::BotStore(Database& db) : db_(db) {
    db_.prepare("bot_list", "SELECT " + kColumns + " FROM bot_instance ORDER BY id");
    db_.prepare("bot_find", "SELECT " + kColumns + " FROM bot_instance WHERE id = $1");
    db_.prepare("bot_rename",
                "UPDATE bot_instance SET name = $2 WHERE id = $1 RETURNING " + kColumns);
    db_.prepare("bot_insert",
                "INSERT INTO bot_instance (id, name, enabled, workspace_dir, docker_status, "
                "current_state, last_action, image_tag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                "ON CONFLICT DO NOTHING RETURNING " + kColumns);
    db_.prepare("bot_set_needs_restart",
                "UPDATE bot_instance SET needs_restart = $2 WHERE id = $1 AND needs_restart <> $2 "
                "RETURNING " + kColumns);
    db_.prepare("bot_delete", "DELETE FROM bot_instance WHERE id = $1");
    // The row lock taken by the sub-select orders this against a concurrent exit report.
    db_.prepare("bot_update_channel_state",
                "WITH previous AS (SELECT id, current_state FROM bot_instance WHERE id = $1 "
                "FOR UPDATE) "
                "UPDATE bot_instance b SET current_state = $2, state_detail = NULLIF($3, ''), "
                "updated_at = now() FROM previous WHERE b.id = previous.id AND b.enabled "
                "AND b.docker_status IN ('running', 'restarting') AND b.current_state <> $2 "
                "AND b.current_state NOT IN ('stopped', 'error') "
                "RETURNING " + prefixed_columns("b") + ", previous.current_state AS previous_state");
    // COALESCE keeps a column when its parameter is NULL; NULLIF turns '' into a cleared detail.
    db_.prepare("bot_update_state",
                "UPDATE bot_instance SET docker_status = COALESCE($2, docker_status), "
                "current_state = COALESCE($3, current_state), "
                "last_action = COALESCE($4, last_action), enabled = COALESCE($5, enabled), "
                "state_detail = CASE WHEN $6::text IS NULL THEN state_detail "
                "ELSE NULLIF($6::text, '') END, updated_at = now() "
                "WHERE id = $1 RETURNING " + kColumns);
}

boost::asio::awaitable<std::optional<std::pair<BotRecord, std::string>>>
BotStore::update_channel_state(std::string id, std::string state, std::string detail) {
    return db_.run([id = std::move(id), state = std::move(state), detail = std::move(detail)](
                       pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_update_channel_state", id, state, detail);
        tx.commit();
        std::optional<std::pair<BotRecord, std::string>> out;
        if (!result.empty()) {
            out.emplace(to_bot(result[0]), result[0]["previous_state"].as<std::string>());
        }
        return out;
    });
}

boost::asio::awaitable<std::vector<BotRecord>> BotStore::list() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<BotRecord> bots;
        for (const auto& row : tx.exec_prepared("bot_list")) bots.push_back(to_bot(row));
        return bots;
    });
}

boost::asio::awaitable<std::optional<BotRecord>> BotStore::find(std::string id) {
    return db_.run([id = std::move(id)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return first_bot(tx.exec_prepared("bot_find", id));
    });
}

boost::asio::awaitable<std::optional<BotRecord>> BotStore::insert(BotRecord bot) {
    return db_.run([bot = std::move(bot)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_insert", bot.id, bot.name, bot.enabled,
                                       bot.workspace_dir, bot.docker_status, bot.current_state,
                                       bot.last_action, bot.image_tag);
        tx.commit();
        return first_bot(result);
    });
}

boost::asio::awaitable<bool> BotStore::remove(std::string id) {
    return db_.run([id = std::move(id)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_delete", id);
        tx.commit();
        return result.affected_rows() > 0;
    });
}

boost::asio::awaitable<std::optional<BotRecord>> BotStore::update_state(std::string id,
                                                                        BotStateChange change) {
    return db_.run([id = std::move(id), change = std::move(change)](
                                   pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_update_state", id, change.docker_status,
                                       change.current_state, change.last_action, change.enabled,
                                       change.state_detail);
        tx.commit();
        return first_bot(result);
    });
}

boost::asio::awaitable<std::optional<BotRecord>> BotStore::rename(std::string id,
                                                                  std::string name) {
    return db_.run([id = std::move(id), name = std::move(name)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_prepared("bot_rename", id, name);
        tx.commit();
        return rows.empty() ? std::optional<BotRecord>{} : to_bot(rows[0]);
    });
}

boost::asio::awaitable<std::optional<BotRecord>> BotStore::set_needs_restart(std::string id,
                                                                             bool value) {
    return db_.run([id = std::move(id), value](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("bot_set_needs_restart", id, value);
        tx.commit();
        return first_bot(result);
    });
}

}  // namespace nbdash::db
