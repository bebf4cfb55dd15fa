#include "docker/tar_archive.hpp"

#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "common/ids.hpp"

namespace nbdash::docker {

namespace fs = std::filesystem;

namespace {

class TarArchive : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("nbdash-tar-" + random_hex(6));
        fs::create_directories(dir / "sub");
        std::ofstream(dir / "Dockerfile") << "FROM scratch\n";
        std::ofstream(dir / "sub" / "data.bin") << std::string(1000, 'z');
    }
    void TearDown() override { fs::remove_all(dir); }

    // Runs tar(1) to list or extract the archive, as an independent reader.
    std::string tar_tool(const std::string& archive, const std::string& args) {
        fs::path file = dir.string() + ".tar";
        std::ofstream(file, std::ios::binary) << archive;
        std::string command = "tar " + args + " -f " + file.string() + " 2>&1";
        std::string output;
        FILE* pipe = ::popen(command.c_str(), "r");
        char buffer[256];
        while (pipe && std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
        if (pipe) ::pclose(pipe);
        fs::remove(file);
        return output;
    }

    fs::path dir;
};

}  // namespace

TEST_F(TarArchive, PacksFilesAndFoldersReadableByTar) {
    std::string archive = tar_directory(dir, 1 << 20);

    EXPECT_EQ(archive.size() % 512, 0u);
    std::string listing = tar_tool(archive, "-t");
    EXPECT_NE(listing.find("Dockerfile"), std::string::npos) << listing;
    EXPECT_NE(listing.find("sub/data.bin"), std::string::npos) << listing;
    EXPECT_EQ(listing.find("Error"), std::string::npos) << listing;
}

TEST_F(TarArchive, StoresLinksWithoutFollowingThem) {
    fs::create_symlink("/etc/hostname", dir / "outside");

    std::string archive = tar_directory(dir, 1 << 20);

    std::string listing = tar_tool(archive, "-tv");
    EXPECT_NE(listing.find("outside -> /etc/hostname"), std::string::npos) << listing;
}

TEST_F(TarArchive, RefusesAContextOverTheLimit) {
    EXPECT_THROW(tar_directory(dir, 2048), std::runtime_error);
}

TEST_F(TarArchive, LongPathsUseThePrefixField) {
    fs::path deep = dir / std::string(80, 'd') / std::string(60, 'e');
    fs::create_directories(deep);
    std::ofstream(deep / "f.txt") << "x";

    std::string listing = tar_tool(tar_directory(dir, 1 << 20), "-t");

    EXPECT_NE(listing.find(std::string(60, 'e') + "/f.txt"), std::string::npos) << listing;
}

}  // namespace nbdash::docker
