// bot_image: the registry of base images bots run from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "db/database.hpp"

namespace nbdash::db {

struct ImageRecord {
    std::string tag;
    std::optional<std::string> image_id;
    std::optional<std::string> version;
    std::string status = "registered";
    std::optional<std::string> source_dir;
    std::string created_at;
};

class ImageStore {
public:
    explicit ImageStore(Database& db);

    boost::asio::awaitable<std::vector<ImageRecord>> list();
    boost::asio::awaitable<std::optional<ImageRecord>> find(std::string tag);
    // Inserts or replaces the image's registration and returns it as stored.
    boost::asio::awaitable<ImageRecord> upsert(ImageRecord image);
    // The same, for command-line use before the server runs.
    ImageRecord upsert_blocking(const ImageRecord& image);

private:
    Database& db_;
};

}  // namespace nbdash::db
