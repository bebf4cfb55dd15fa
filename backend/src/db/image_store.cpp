#include "db/image_store.hpp"

namespace nbdash::db {

namespace {

const std::string kColumns = "tag, image_id, version, status, source_dir, " +
                             iso_time("created_at") + " AS created_at";

ImageRecord to_image(const pqxx::row& row) {
    ImageRecord image;
    image.tag = row["tag"].as<std::string>();
    if (!row["image_id"].is_null()) image.image_id = row["image_id"].as<std::string>();
    if (!row["version"].is_null()) image.version = row["version"].as<std::string>();
    image.status = row["status"].as<std::string>();
    if (!row["source_dir"].is_null()) image.source_dir = row["source_dir"].as<std::string>();
    image.created_at = row["created_at"].as<std::string>();
    return image;
}

ImageRecord upsert_in(pqxx::connection& c, const ImageRecord& image) {
    pqxx::work tx(c);
    auto rows = tx.exec_prepared("image_upsert", image.tag, image.image_id, image.version,
                                 image.status, image.source_dir);
    tx.commit();
    return to_image(rows[0]);
}

}  // namespace

ImageStore::ImageStore(Database& db) : db_(db) {
    db_.prepare("image_list", "SELECT " + kColumns + " FROM bot_image ORDER BY tag");
    db_.prepare("image_find", "SELECT " + kColumns + " FROM bot_image WHERE tag = $1");
    db_.prepare("image_upsert",
                "INSERT INTO bot_image (tag, image_id, version, status, source_dir) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tag) DO UPDATE SET "
                "image_id = EXCLUDED.image_id, version = EXCLUDED.version, "
                "status = EXCLUDED.status, source_dir = EXCLUDED.source_dir, updated_at = now() "
                "RETURNING " + kColumns);
}

boost::asio::awaitable<std::vector<ImageRecord>> ImageStore::list() {
    return db_.run([](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<ImageRecord> images;
        for (const auto& row : tx.exec_prepared("image_list")) images.push_back(to_image(row));
        return images;
    });
}

boost::asio::awaitable<std::optional<ImageRecord>> ImageStore::find(std::string tag) {
    return db_.run([tag = std::move(tag)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_prepared("image_find", tag);
        return rows.empty() ? std::optional<ImageRecord>{} : to_image(rows[0]);
    });
}

boost::asio::awaitable<ImageRecord> ImageStore::upsert(ImageRecord image) {
    return db_.run(
        [image = std::move(image)](pqxx::connection& c) { return upsert_in(c, image); });
}

ImageRecord ImageStore::upsert_blocking(const ImageRecord& image) {
    return db_.run_blocking([&image](pqxx::connection& c) { return upsert_in(c, image); });
}

}  // namespace nbdash::db
