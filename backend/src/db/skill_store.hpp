// skill_market_item: skills offered for installation into a bot's workspace.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"

namespace nbdash::db {

struct SkillRecord {
    std::int64_t id = 0;
    std::string skill_key;
    std::string name;
    std::string description;
    std::string category;
    std::string version = "1.0.0";
    std::optional<std::string> author;
    std::string skill_md;  // empty in listings
    bool is_builtin = false;
    bool enabled = true;
    std::string updated_at;
};

struct SkillQuery {
    std::optional<std::string> text;      // matches key, name or description
    std::optional<std::string> category;
    bool include_disabled = false;
};

class SkillStore {
public:
    explicit SkillStore(Database& db);

    boost::asio::awaitable<std::vector<SkillRecord>> list(SkillQuery query);
    boost::asio::awaitable<std::vector<std::string>> categories();
    boost::asio::awaitable<std::optional<SkillRecord>> find(std::int64_t id);
    boost::asio::awaitable<std::optional<SkillRecord>> find_by_key(std::string key);
    // All items with their SKILL.md, by key (for telling market skills from modified ones).
    boost::asio::awaitable<std::vector<SkillRecord>> find_by_keys(std::vector<std::string> keys);
    // nullopt when the key is taken.
    boost::asio::awaitable<std::optional<SkillRecord>> insert(SkillRecord skill);
    // nullopt when no such id; throws Conflict when the new key is taken.
    boost::asio::awaitable<std::optional<SkillRecord>> update(SkillRecord skill);

private:
    Database& db_;
};

}  // namespace nbdash::db
