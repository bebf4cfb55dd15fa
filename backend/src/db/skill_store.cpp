#include "db/skill_store.hpp"

#include "common/errors.hpp"
#include "common/json.hpp"

namespace nbdash::db {

namespace {

const std::string kFields = "id, skill_key, name, description, category, version, author, "
                            "is_builtin, enabled, " + iso_time("updated_at") + " AS updated_at";
const std::string kColumns = kFields + ", skill_md";
const std::string kListColumns = kFields + ", '' AS skill_md";

SkillRecord to_skill(const pqxx::row& row) {
    SkillRecord s;
    s.id = row["id"].as<std::int64_t>();
    s.skill_key = row["skill_key"].as<std::string>();
    s.name = row["name"].as<std::string>();
    s.description = row["description"].as<std::string>();
    s.category = row["category"].as<std::string>();
    s.version = row["version"].as<std::string>();
    if (!row["author"].is_null()) s.author = row["author"].as<std::string>();
    s.skill_md = row["skill_md"].as<std::string>();
    s.is_builtin = row["is_builtin"].as<bool>();
    s.enabled = row["enabled"].as<bool>();
    s.updated_at = row["updated_at"].as<std::string>();
    return s;
}

std::optional<SkillRecord> first(const pqxx::result& result) {
    if (result.empty()) return std::nullopt;
    return to_skill(result[0]);
}

// LIKE pattern for a substring search, with the user's wildcards taken literally.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

SkillStore::SkillStore(Database& db) : db_(db) {
    db_.prepare("skill_list",
                "SELECT " + kListColumns + " FROM skill_market_item "
                "WHERE ($1 OR enabled) AND ($2::text IS NULL OR category = $2) "
                "AND ($3::text IS NULL OR skill_key ILIKE $3 OR name ILIKE $3 "
                "OR description ILIKE $3) ORDER BY category, name LIMIT 500");
    db_.prepare("skill_categories",
                "SELECT DISTINCT category FROM skill_market_item WHERE enabled ORDER BY category");
    db_.prepare("skill_find", "SELECT " + kColumns + " FROM skill_market_item WHERE id = $1");
    db_.prepare("skill_find_key",
                "SELECT " + kColumns + " FROM skill_market_item WHERE skill_key = $1");
    db_.prepare("skill_find_keys",
                "SELECT " + kColumns + " FROM skill_market_item WHERE skill_key IN (SELECT jsonb_array_elements_text($1::jsonb))");
    db_.prepare("skill_insert",
                "INSERT INTO skill_market_item (skill_key, name, description, category, version, "
                "author, skill_md, is_builtin, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                "false, $8) ON CONFLICT (skill_key) DO NOTHING RETURNING " + kColumns);
    db_.prepare("skill_update",
                "UPDATE skill_market_item SET skill_key = $2, name = $3, description = $4, "
                "category = $5, version = $6, author = $7, skill_md = $8, enabled = $9 "
                "WHERE id = $1 RETURNING " + kColumns);
}

boost::asio::awaitable<std::vector<SkillRecord>> SkillStore::list(SkillQuery query) {
    return db_.run([query = std::move(query)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::optional<std::string> pattern;
        if (query.text) pattern = like_pattern(*query.text);
        std::vector<SkillRecord> out;
        for (const auto& row :
             tx.exec_prepared("skill_list", query.include_disabled, query.category, pattern)) {
            out.push_back(to_skill(row));
        }
        return out;
    });
}

boost::asio::awaitable<std::vector<std::string>> SkillStore::categories() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<std::string> out;
        for (const auto& row : tx.exec_prepared("skill_categories")) {
            out.push_back(row[0].as<std::string>());
        }
        return out;
    });
}

boost::asio::awaitable<std::optional<SkillRecord>> SkillStore::find(std::int64_t id) {
    return db_.run([id](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return first(tx.exec_prepared("skill_find", id));
    });
}

boost::asio::awaitable<std::optional<SkillRecord>> SkillStore::find_by_key(std::string key) {
    return db_.run([key = std::move(key)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return first(tx.exec_prepared("skill_find_key", key));
    });
}

boost::asio::awaitable<std::vector<SkillRecord>> SkillStore::find_by_keys(
    std::vector<std::string> keys) {
    return db_.run([keys = std::move(keys)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<SkillRecord> out;
        for (const auto& row : tx.exec_prepared("skill_find_keys", dump_json(Json(keys)))) {
            out.push_back(to_skill(row));
        }
        return out;
    });
}

boost::asio::awaitable<std::optional<SkillRecord>> SkillStore::insert(SkillRecord s) {
    return db_.run([s = std::move(s)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto result = tx.exec_prepared("skill_insert", s.skill_key, s.name, s.description,
                                       s.category, s.version, s.author, s.skill_md, s.enabled);
        tx.commit();
        return first(result);
    });
}

boost::asio::awaitable<std::optional<SkillRecord>> SkillStore::update(SkillRecord s) {
    return db_.run([s = std::move(s)](pqxx::connection& c) -> std::optional<SkillRecord> {
        pqxx::work tx(c);
        try {
            auto result = tx.exec_prepared("skill_update", s.id, s.skill_key, s.name,
                                           s.description, s.category, s.version, s.author,
                                           s.skill_md, s.enabled);
            tx.commit();
            return first(result);
        } catch (const pqxx::unique_violation&) {
            throw Conflict("skill_exists", "another skill has the key '" + s.skill_key + "'");
        }
    });
}

}  // namespace nbdash::db
