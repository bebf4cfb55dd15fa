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
                "status = EXCLUDED.status, source_dir = EXCLUDED.source_dir, build_log = NULL, "
                "updated_at = now() RETURNING " + kColumns);
    db_.prepare("image_finish_build",
                "UPDATE bot_image SET status = $2, image_id = COALESCE($3, image_id), "
                "build_log = $4, updated_at = now() WHERE tag = $1");
    db_.prepare("image_build_log", "SELECT COALESCE(build_log, '') FROM bot_image WHERE tag = $1");
    // One statement, so a bot created between a check and the delete cannot slip through.
    db_.prepare("image_remove_unused",
                "WITH used AS (SELECT count(*) AS n FROM bot_instance WHERE image_tag = $1), "
                "gone AS (DELETE FROM bot_image WHERE tag = $1 AND (SELECT n FROM used) = 0 "
                "RETURNING tag) "
                "SELECT (SELECT count(*) FROM gone), (SELECT n FROM used), "
                "EXISTS (SELECT 1 FROM bot_image WHERE tag = $1)");
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

boost::asio::awaitable<void> ImageStore::finish_build(std::string tag, std::string status,
                                                     std::optional<std::string> image_id,
                                                     std::string build_log) {
    co_await db_.run([&tag, &status, &image_id, &build_log](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_prepared("image_finish_build", tag, status, image_id, build_log);
        tx.commit();
        return 0;
    });
}

boost::asio::awaitable<std::optional<std::string>> ImageStore::build_log(std::string tag) {
    return db_.run([tag = std::move(tag)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_prepared("image_build_log", tag);
        return rows.empty() ? std::optional<std::string>{} : rows[0][0].as<std::string>();
    });
}

boost::asio::awaitable<ImageStore::Removal> ImageStore::remove_unused(std::string tag) {
    return db_.run([tag = std::move(tag)](pqxx::connection& c) {
        pqxx::work tx(c);
        auto row = tx.exec_prepared1("image_remove_unused", tag);
        tx.commit();
        if (row[0].as<long>() > 0) return Removal::kRemoved;
        if (row[1].as<long>() > 0) return Removal::kInUse;
        return row[2].as<bool>() ? Removal::kInUse : Removal::kNotFound;
    });
}

ImageRecord ImageStore::upsert_blocking(const ImageRecord& image) {
    return db_.run_blocking([&image](pqxx::connection& c) { return upsert_in(c, image); });
}

}  // namespace nbdash::db
