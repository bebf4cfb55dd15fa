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
    // Records how a build ended: status ready or failed, the image id, the build output.
    boost::asio::awaitable<void> finish_build(std::string tag, std::string status,
                                              std::optional<std::string> image_id,
                                              std::string build_log);
    // The kept build output; nullopt when the image is unknown, "" when it was not built.
    boost::asio::awaitable<std::optional<std::string>> build_log(std::string tag);
    enum class Removal { kRemoved, kInUse, kNotFound };
    // Deletes the registration unless a bot still runs from it.
    boost::asio::awaitable<Removal> remove_unused(std::string tag);

private:
    Database& db_;
};

}  // namespace nbdash::db
