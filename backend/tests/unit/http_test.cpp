#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace nbdash::http {

namespace {

boost::asio::awaitable<Response> no_handler(RequestContext&) { co_return Response{}; }

class TempDir {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / ("nbdash-test-" + random_hex(6))) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

void write(const std::filesystem::path& file, const std::string& content) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << content;
}

Request get(const std::string& target) {
    Request request{Verb::get, target, 11};
    return request;
}

}  // namespace

TEST(Router, MatchesPlaceholdersAndMethods) {
    Router router;
    router.add(Verb::get, "/api/bots/{id}", Access::kAdmin, no_handler);
    router.add(Verb::post, "/api/bots/{id}/start", Access::kAdmin, no_handler);

    auto found = router.match(Verb::get, "/api/bots/alpha");
    auto wrong_method = router.match(Verb::delete_, "/api/bots/alpha");
    auto missing = router.match(Verb::get, "/api/nothing");

    ASSERT_NE(found.route, nullptr);
    EXPECT_EQ(found.params.at("id"), "alpha");
    EXPECT_EQ(wrong_method.route, nullptr);
    EXPECT_TRUE(wrong_method.path_known);
    EXPECT_FALSE(missing.path_known);
}

TEST(Router, HeadUsesTheGetRouteAndAMissListsTheMethods) {
    Router router;
    router.add(Verb::get, "/api/bots/{id}", Access::kAdmin, no_handler);
    router.add(Verb::patch, "/api/bots/{id}", Access::kAdmin, no_handler);

    auto head = router.match(Verb::head, "/api/bots/alpha");
    auto miss = router.match(Verb::put, "/api/bots/alpha");

    ASSERT_NE(head.route, nullptr);
    EXPECT_EQ(head.route->verb, Verb::get);
    EXPECT_EQ(miss.route, nullptr);
    EXPECT_EQ(allow_header(miss.allowed), "GET, HEAD, PATCH");
}

TEST(Router, ABodyLimitIsAskedForEachRequest) {
    Router router;
    std::size_t setting = 1000;
    router.add(Verb::post, "/api/bots/{id}/messages", Access::kAdmin, no_handler,
               BodyLimit{[&setting] { return setting; }, "set by a setting"});
    router.add(Verb::post, "/api/bots", Access::kAdmin, no_handler, 16 * 1024);

    auto send = router.match(Verb::post, "/api/bots/alpha/messages");
    std::size_t before = send.route->body_limit.bytes();
    setting = 5000;
    std::size_t after = send.route->body_limit.bytes();
    auto create = router.match(Verb::post, "/api/bots");

    EXPECT_EQ(before, 1000u);
    EXPECT_EQ(after, 5000u);
    EXPECT_EQ(send.route->body_limit.why, "set by a setting");
    EXPECT_EQ(create.route->body_limit.bytes(), 16u * 1024);
    EXPECT_TRUE(create.route->body_limit.why.empty());
}

TEST(StaticFiles, ServesFilesAndFallsBackToIndex) {
    TempDir dir;
    write(dir.path() / "index.html", "<html>console</html>");
    write(dir.path() / "assets" / "app.js", "console code");
    StaticFiles files(dir.path());

    auto asset = files.serve(get("/assets/app.js"), "/assets/app.js");
    auto route = files.serve(get("/bots/alpha"), "/bots/alpha");
    auto missing_asset = files.serve(get("/assets/gone.js"), "/assets/gone.js");

    ASSERT_TRUE(asset);
    EXPECT_EQ(asset->body(), "console code");
    ASSERT_TRUE(route);
    EXPECT_EQ(route->body(), "<html>console</html>");
    EXPECT_FALSE(missing_asset);
}

TEST(StaticFiles, MissingFileNamesAreNotAnsweredWithTheConsole) {
    TempDir dir;
    write(dir.path() / "index.html", "<html>console</html>");
    write(dir.path() / "assets" / "sub" / "x.js", "x");
    StaticFiles files(dir.path());

    EXPECT_FALSE(files.serve(get("/favicon.ico"), "/favicon.ico"));
    EXPECT_FALSE(files.serve(get("/robots.txt"), "/robots.txt"));
    auto share = files.serve(get("/share/alpha"), "/share/alpha");
    ASSERT_TRUE(share);
    EXPECT_EQ(share->body(), "<html>console</html>");
    // A folder is never listed: it is a console route like any other path.
    auto folder = files.serve(get("/assets/sub/"), "/assets/sub/");
    if (folder) EXPECT_EQ(folder->body(), "<html>console</html>");
}

TEST(StaticFiles, NeverLeavesItsFolder) {
    TempDir dir;
    write(dir.path() / "site" / "index.html", "index");
    write(dir.path() / "secret.txt", "secret");
    std::filesystem::create_symlink(dir.path() / "secret.txt", dir.path() / "site" / "link.txt");
    StaticFiles files(dir.path() / "site");

    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/link.txt",
                             "/./../secret.txt", "/..%2fsecret.txt"}) {
        auto response = files.serve(get(path), path);
        if (response) EXPECT_EQ(response->body(), "index") << path;
    }
}

}  // namespace nbdash::http
