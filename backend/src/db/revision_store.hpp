// bot_file_revision: every saved version of a bot's config.json, env.json and persona files,
// with secrets redacted before they reach the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "db/database.hpp"

namespace nbdash::db {

struct RevisionRecord {
    std::int64_t id = 0;  // the revision number shown in the API
    std::string bot_id;
    std::string file_name;
    std::string content;   // redacted
    Json changed;          // list of changed paths (config/env) or ["content"]
    std::string actor;
    std::string created_at;
};

class RevisionStore {
public:
    explicit RevisionStore(Database& db);

    // Stores the revision; when the file has none yet, `baseline` (its content before this save)
    // is stored first as a revision by "system", so the first change has something to diff
    // against and can be undone. Returns the stored revision.
    boost::asio::awaitable<RevisionRecord> add(RevisionRecord revision,
                                               std::optional<std::string> baseline);
    // Newest first, without content.
    boost::asio::awaitable<std::vector<RevisionRecord>> list(std::string bot_id,
                                                             std::optional<std::string> file_name,
                                                             int limit);
    // The revision and the previous revision of the same file.
    boost::asio::awaitable<std::pair<std::optional<RevisionRecord>, std::optional<RevisionRecord>>>
    find_with_previous(std::string bot_id, std::int64_t id);

private:
    Database& db_;
};

}  // namespace nbdash::db
