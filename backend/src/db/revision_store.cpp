#include "db/revision_store.hpp"

namespace nbdash::db {

namespace {

const std::string kColumns = "id, bot_id, file_name, content, changed_json::text AS changed, actor, " +
                             iso_time("created_at") + " AS created_at";
const std::string kListColumns = "id, bot_id, file_name, '' AS content, changed_json::text AS changed, "
                                 "actor, " + iso_time("created_at") + " AS created_at";

RevisionRecord to_revision(const pqxx::row& row) {
    RevisionRecord r;
    r.id = row["id"].as<std::int64_t>();
    r.bot_id = row["bot_id"].as<std::string>();
    r.file_name = row["file_name"].as<std::string>();
    r.content = row["content"].as<std::string>();
    r.changed = Json::parse(row["changed"].as<std::string>(), nullptr, false);
    r.actor = row["actor"].as<std::string>();
    r.created_at = row["created_at"].as<std::string>();
    return r;
}

}  // namespace

RevisionStore::RevisionStore(Database& db) : db_(db) {
    db_.prepare("revision_insert",
                "INSERT INTO bot_file_revision (bot_id, file_name, content, changed_json, actor) "
                "VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING " + kColumns);
    db_.prepare("revision_lock", "SELECT pg_advisory_xact_lock(hashtext($1))");
    db_.prepare("revision_exists",
                "SELECT 1 FROM bot_file_revision WHERE bot_id = $1 AND file_name = $2 LIMIT 1");
    db_.prepare("revision_list",
                "SELECT " + kListColumns + " FROM bot_file_revision WHERE bot_id = $1 "
                "AND ($2::text IS NULL OR file_name = $2) ORDER BY id DESC LIMIT $3");
    db_.prepare("revision_find",
                "SELECT " + kColumns + " FROM bot_file_revision WHERE bot_id = $1 AND id = $2");
    db_.prepare("revision_previous",
                "SELECT " + kColumns + " FROM bot_file_revision WHERE bot_id = $1 "
                "AND file_name = $2 AND id < $3 ORDER BY id DESC LIMIT 1");
}

boost::asio::awaitable<RevisionRecord> RevisionStore::add(RevisionRecord revision,
                                                          std::optional<std::string> baseline) {
    return db_.run([revision = std::move(revision),
                    baseline = std::move(baseline)](pqxx::connection& c) {
        pqxx::work tx(c);
        // Serializes saves of one bot's file so two first saves do not both add a baseline.
        tx.exec_prepared("revision_lock", "nbdash.revision." + revision.bot_id + "/" +
                                              revision.file_name);
        if (baseline && tx.exec_prepared("revision_exists", revision.bot_id,
                                         revision.file_name).empty()) {
            tx.exec_prepared("revision_insert", revision.bot_id, revision.file_name, *baseline,
                             "[]", "system");
        }
        auto row = tx.exec_prepared1("revision_insert", revision.bot_id, revision.file_name,
                                     revision.content, dump_json(revision.changed),
                                     revision.actor);
        RevisionRecord stored = to_revision(row);
        tx.commit();
        return stored;
    });
}

boost::asio::awaitable<std::vector<RevisionRecord>> RevisionStore::list(
    std::string bot_id, std::optional<std::string> file_name, int limit) {
    return db_.run([bot_id = std::move(bot_id), file_name = std::move(file_name),
                    limit](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<RevisionRecord> out;
        for (const auto& row : tx.exec_prepared("revision_list", bot_id, file_name, limit)) {
            out.push_back(to_revision(row));
        }
        return out;
    });
}

boost::asio::awaitable<std::pair<std::optional<RevisionRecord>, std::optional<RevisionRecord>>>
RevisionStore::find_with_previous(std::string bot_id, std::int64_t id) {
    return db_.run([bot_id = std::move(bot_id), id](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::pair<std::optional<RevisionRecord>, std::optional<RevisionRecord>> out;
        auto found = tx.exec_prepared("revision_find", bot_id, id);
        if (found.empty()) return out;
        out.first = to_revision(found[0]);
        auto previous = tx.exec_prepared("revision_previous", bot_id, out.first->file_name, id);
        if (!previous.empty()) out.second = to_revision(previous[0]);
        return out;
    });
}

}  // namespace nbdash::db
