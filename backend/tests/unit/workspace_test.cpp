#include <filesystem>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "config/server_config.hpp"
#include "workspace/atomic_file.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::workspace {

namespace fs = std::filesystem;

namespace {

class BotFilesTest : public ::testing::Test {
protected:
    fs::path root = fs::temp_directory_path() / ("nbdash-files-" + random_hex(6));
    void SetUp() override { fs::create_directories(root); }
    void TearDown() override { fs::remove_all(root); }
};

fs::perms mode_of(const fs::path& file) { return fs::status(file).permissions(); }

}  // namespace

TEST_F(BotFilesTest, CreatesConfigEnvAndPersonaFiles) {
    BotFiles files(root);

    files.create({.bot_id = "alpha", .name = "Alpha", .model = "openai/gpt-4o-mini"});

    fs::path data = root / "alpha" / ".nanobot";
    for (const char* name : {"AGENTS.md", "SOUL.md", "USER.md", "TOOLS.md", "HEARTBEAT.md"}) {
        EXPECT_TRUE(fs::exists(data / "workspace" / name)) << name;
    }
    Json config = files.read_config("alpha");
    EXPECT_EQ(config["channels"]["websocket"]["enabled"], true);
    EXPECT_EQ(config["channels"]["websocket"]["token"].get<std::string>().size(), 48u);
    EXPECT_EQ(config["agents"]["defaults"]["model"], "openai/gpt-4o-mini");
    EXPECT_EQ(mode_of(data / "config.json") & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(mode_of(data / "env.json") & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(files.read_env("alpha")["resources"]["memory_mb"], 512);
}

TEST_F(BotFilesTest, RefusesAnExistingFolderAndBadIds) {
    BotFiles files(root);
    files.create({.bot_id = "alpha", .name = "Alpha", .model = "m"});

    EXPECT_THROW(files.create({.bot_id = "alpha", .name = "Again", .model = "m"}),
                 std::invalid_argument);
    EXPECT_THROW(files.create({.bot_id = "../evil", .name = "x", .model = "m"}),
                 std::invalid_argument);
    EXPECT_FALSE(fs::exists(root.parent_path() / "evil"));
}

TEST_F(BotFilesTest, SetPortsKeepsTheRestOfTheConfig) {
    BotFiles files(root);
    files.create({.bot_id = "alpha", .name = "Alpha", .model = "m"});
    std::string token = files.channel_endpoint("alpha").token;

    files.set_ports("alpha", 41001, 41002);

    auto endpoint = files.channel_endpoint("alpha");
    EXPECT_EQ(endpoint.port, 41001);
    EXPECT_EQ(endpoint.gateway_port, 41002);
    EXPECT_EQ(endpoint.token, token);
}

TEST_F(BotFilesTest, AtomicWriteReplacesWholeFiles) {
    fs::path file = root / "f.txt";

    write_file_atomic(file, "first", fs::perms::owner_read | fs::perms::owner_write);
    write_file_atomic(file, "second", fs::perms::owner_read | fs::perms::owner_write);

    EXPECT_EQ(read_file(file), "second");
    EXPECT_FALSE(read_file(root / "missing"));
    EXPECT_THROW(write_file_atomic(root / "no-dir" / "f.txt", "x", fs::perms::owner_all),
                 std::system_error);
}

TEST(ServerConfig, RedactsPasswordsInDatabaseUrls) {
    EXPECT_EQ(redact_database_url("postgresql://nbdash:s3cret@127.0.0.1:5432/nbdash"),
              "postgresql://nbdash:***@127.0.0.1:5432/nbdash");
    EXPECT_EQ(redact_database_url("host=x password=s3cret dbname=y"),
              "host=x password=*** dbname=y");
    EXPECT_EQ(redact_database_url("postgresql://127.0.0.1/nbdash?password=abc"),
              "postgresql://127.0.0.1/nbdash?password=***");
}

}  // namespace nbdash::workspace
