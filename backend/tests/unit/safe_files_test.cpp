#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "workspace/safe_files.hpp"

namespace nbdash::workspace {

namespace fs = std::filesystem;

namespace {

constexpr auto kSecret = fs::perms::owner_read | fs::perms::owner_write;

class SafeFilesTest : public ::testing::Test {
protected:
    fs::path base = fs::temp_directory_path() / ("nbdash-safe-" + random_hex(6));
    fs::path root = base / "bot";
    fs::path outside = base / "outside";
    void SetUp() override {
        fs::create_directories(root / ".nanobot" / "workspace");
        fs::create_directories(outside);
    }
    void TearDown() override { fs::remove_all(base); }

    std::string code_of(const std::function<void()>& action) {
        try {
            action();
        } catch (const ApiError& e) {
            return e.code();
        } catch (const std::system_error& e) {
            return "system_error";
        }
        return "ok";
    }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t entries_in(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_F(SafeFilesTest, WritesAtomicallyWithTheModeAndReadsBack) {
    write_inside(root, {".nanobot"}, "config.json", "{}\n", kSecret, false);
    EXPECT_EQ(slurp(root / ".nanobot" / "config.json"), "{}\n");
    EXPECT_EQ(fs::status(root / ".nanobot" / "config.json").permissions() & fs::perms::all, kSecret);
    auto read = read_inside(root, {".nanobot"}, "config.json", 1024);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->content, "{}\n");
    EXPECT_FALSE(read_inside(root, {".nanobot"}, "absent.json", 1024));
    EXPECT_EQ(code_of([&] { read_inside(root, {".nanobot"}, "config.json", 1); }), "file_too_large");
    // Only the file itself: no temp file left beside it.
    EXPECT_EQ(entries_in(root / ".nanobot"), 2u);  // config.json and workspace/
}

TEST_F(SafeFilesTest, RefusesEscapingNamesWithNothingWritten) {
    for (std::string name : {std::string(".."), std::string("."), std::string(""),
                             std::string("../outside/x"), std::string("/etc/passwd"),
                             std::string("a/b"), std::string("a\0b", 3), std::string(256, 'a')}) {
        EXPECT_EQ(code_of([&] { write_inside(root, {".nanobot", "workspace"}, name, "x", kSecret, true); }),
                  "unsafe_path")
            << name;
        EXPECT_EQ(code_of([&] { write_inside(root, {name}, "SOUL.md", "x", kSecret, true); }),
                  "unsafe_path")
            << name;
        EXPECT_EQ(code_of([&] { read_inside(root, {".nanobot"}, name, 10); }), "unsafe_path") << name;
    }
    EXPECT_EQ(entries_in(outside), 0u);
    EXPECT_EQ(entries_in(root / ".nanobot" / "workspace"), 0u);
}

TEST_F(SafeFilesTest, RefusesSymlinksPlantedInsideTheBotFolder) {
    // A link in place of the file, pointing outside.
    std::ofstream(outside / "target.md") << "outside\n";
    fs::create_symlink(outside / "target.md", root / ".nanobot" / "workspace" / "SOUL.md");
    EXPECT_EQ(code_of([&] {
                  write_inside(root, {".nanobot", "workspace"}, "SOUL.md", "evil", kSecret, false);
              }),
              "unsafe_path");
    EXPECT_EQ(code_of([&] { read_inside(root, {".nanobot", "workspace"}, "SOUL.md", 1024); }),
              "unsafe_path");
    EXPECT_EQ(slurp(outside / "target.md"), "outside\n");

    // A link in place of a folder on the way.
    fs::create_directories(root / ".nanobot" / "workspace" / "skills");
    fs::create_directory_symlink(outside, root / ".nanobot" / "workspace" / "skills" / "evil");
    EXPECT_EQ(code_of([&] {
                  write_inside(root, {".nanobot", "workspace", "skills", "evil"}, "SKILL.md", "x",
                               kSecret, true);
              }),
              "unsafe_path");
    EXPECT_EQ(list_dirs_inside(root, {".nanobot", "workspace", "skills"}),
              std::vector<std::string>{});  // links are not listed as skills
    // Removing the link removes the link only.
    EXPECT_TRUE(remove_inside(root, {".nanobot", "workspace", "skills"}, "evil"));
    EXPECT_TRUE(fs::exists(outside / "target.md"));
    EXPECT_EQ(entries_in(outside), 1u);
}

TEST_F(SafeFilesTest, RemovesAFolderTreeWithoutFollowingLinks) {
    fs::create_directories(root / "s" / "one" / "deep");
    std::ofstream(root / "s" / "one" / "deep" / "f") << "x";
    std::ofstream(outside / "keep") << "keep";
    fs::create_directory_symlink(outside, root / "s" / "one" / "link");
    EXPECT_TRUE(remove_inside(root, {"s"}, "one"));
    EXPECT_FALSE(fs::exists(root / "s" / "one"));
    EXPECT_EQ(slurp(outside / "keep"), "keep");
    EXPECT_FALSE(remove_inside(root, {"s"}, "one"));
}

// A write that runs out of space must leave the old file as it was and no temp file behind.
// Needs root to mount a 64 KiB tmpfs; skipped (with the reason) elsewhere.
TEST_F(SafeFilesTest, DiskFullLeavesTheOldFileIntact) {
    fs::path mount_point = base / "small";
    fs::create_directories(mount_point);
    if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0) {
        GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno)
                     << "); the disk-full case needs root";
    }
    struct Unmount {
        fs::path path;
        ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
    } unmount{mount_point};
    fs::path bot = mount_point / "bot";
    fs::create_directories(bot / ".nanobot");
    write_inside(bot, {".nanobot"}, "config.json", "{\"old\": true}\n", kSecret, false);

    std::string huge(200 * 1024, 'x');
    EXPECT_EQ(code_of([&] { write_inside(bot, {".nanobot"}, "config.json", huge, kSecret, false); }),
              "system_error");
    EXPECT_EQ(slurp(bot / ".nanobot" / "config.json"), "{\"old\": true}\n");
    EXPECT_EQ(entries_in(bot / ".nanobot"), 1u);
}

}  // namespace nbdash::workspace
