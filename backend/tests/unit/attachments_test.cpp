#include <gtest/gtest.h>

#include "channel/attachments.hpp"
#include "common/base64.hpp"
#include "common/errors.hpp"

namespace nbdash::channel {

namespace {

Json item(const std::string& name, const std::string& mime, const std::string& bytes) {
    return {{"name", name}, {"mime", mime}, {"data", base64_encode(bytes)}};
}

int status_of(const Json& list, std::size_t max_file = 6 * 1024 * 1024) {
    try {
        parse_attachments(list, max_file);
        return 0;
    } catch (const ApiError& e) {
        return e.status();
    }
}

}  // namespace

TEST(Base64, RoundTripsEveryLengthAndRejectsGarbage) {
    std::string bytes;
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes) << i;
        EXPECT_EQ(base64_decoded_size(base64_encode(bytes)), bytes.size()) << i;
        bytes += static_cast<char>(i * 37);
    }
    EXPECT_EQ(base64_encode("hi!"), "aGkh");
    EXPECT_EQ(base64_decode("aGk"), "hi");
    EXPECT_EQ(base64_decode("aGk="), "hi");
    EXPECT_FALSE(base64_decode("aG=k"));
    EXPECT_FALSE(base64_decode("aGk h"));
    EXPECT_FALSE(base64_decode("a"));
    EXPECT_FALSE(base64_decode("aGk*"));
}

TEST(Attachments, AcceptsWhatNanobotAcceptsInCanonicalForm) {
    auto list = parse_attachments(Json::array({item("photo.png", "image/png", "png"),
                                               item("notes", "Text/Plain; charset=utf-8", "n"),
                                               item("clip.mov", "video/quicktime", "v")}),
                                  1024);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].name, "photo.png");
    EXPECT_EQ(list[0].bytes, "png");
    EXPECT_EQ(list[1].mime, "text/plain");
    EXPECT_EQ(list[1].name, "notes.txt");
    EXPECT_EQ(data_url(list[0]), "data:image/png;base64,cG5n");
    EXPECT_EQ(accepted_mime("image/svg+xml"), "");
    EXPECT_EQ(accepted_mime("application/x-yaml"), "application/yaml");
}

TEST(Attachments, NamesAreSanitisedAndMadeUnique) {
    EXPECT_EQ(sanitise_file_name("../../etc/passwd", "text/plain"), "passwd.txt");
    EXPECT_EQ(sanitise_file_name("C:\\Users\\me\\a b.pdf", "application/pdf"), "a_b.pdf");
    EXPECT_EQ(sanitise_file_name("..", "image/png"), "upload.png");
    EXPECT_EQ(sanitise_file_name(".hidden.png", "image/png"), "hidden.png");
    EXPECT_EQ(sanitise_file_name("报告.pdf", "application/pdf"), "______.pdf");
    EXPECT_EQ(sanitise_file_name(std::string(300, 'x') + ".png", "image/png").size(), 100u);
    EXPECT_TRUE(sanitise_file_name(std::string(300, 'x') + ".png", "image/png").ends_with(".png"));

    auto list = parse_attachments(Json::array({item("a.png", "image/png", "1"),
                                               item("dir/a.png", "image/png", "2")}),
                                  1024);
    EXPECT_EQ(list[0].name, "a.png");
    EXPECT_EQ(list[1].name, "a-2.png");
}

TEST(Attachments, RefusesWithTheRightStatus) {
    EXPECT_EQ(status_of(Json::array({item("x.svg", "image/svg+xml", "<svg/>")})), 400);
    EXPECT_EQ(status_of(Json::array({item("x.sh", "application/x-sh", "ls")})), 400);
    EXPECT_EQ(status_of(Json::object()), 400);
    EXPECT_EQ(status_of(Json::array({"photo.png"})), 400);
    EXPECT_EQ(status_of(Json::array({{{"name", "a.png"}, {"mime", "image/png"}}})), 400);
    EXPECT_EQ(status_of(Json::array({{{"name", "a.png"}, {"mime", "image/png"},
                                      {"data", "@@@@"}}})),
              400);
    EXPECT_EQ(status_of(Json::array({item("a.png", "image/png", "")})), 400);
    Json extra = item("a.png", "image/png", "x");
    extra["path"] = "/etc/passwd";
    EXPECT_EQ(status_of(Json::array({extra})), 400);

    Json five = Json::array();
    for (int i = 0; i < 5; ++i) five.push_back(item("a.png", "image/png", "x"));
    EXPECT_EQ(status_of(five), 400);
    EXPECT_EQ(status_of(Json::array({item("a.mp4", "video/mp4", "x"), item("b.mp4", "video/mp4", "y")})),
              400);

    EXPECT_EQ(status_of(Json::array({item("big.png", "image/png", std::string(101, 'b'))}), 100),
              413);
    EXPECT_EQ(status_of(Json::array({item("ok.png", "image/png", std::string(100, 'b'))}), 100), 0);
    // A small limit reads in bytes or KiB, never as "0.0 MiB".
    try {
        parse_attachments(Json::array({item("big.txt", "text/plain", std::string(2000, 'b'))}),
                          1024);
        ADD_FAILURE() << "a 2000-byte file passed a 1024-byte limit";
    } catch (const ApiError& e) {
        EXPECT_NE(std::string(e.what()).find("big.txt is 2.0 KiB; files may be at most 1.0 KiB"),
                  std::string::npos)
            << e.what();
    }
    // nanobot's own 6 MiB cap holds even when the setting allows more.
    EXPECT_EQ(status_of(Json::array({item("big.pdf", "application/pdf",
                                          std::string(kMaxDocumentBytes + 1, 'b'))}),
                        64 * 1024 * 1024),
              413);
}

TEST(Attachments, TheSendBodyLimitFollowsTheSettings) {
    constexpr std::size_t kMiB = 1024 * 1024;
    // The largest message the settings allow, escaped and encoded, always fits.
    Json text(std::string(65536, '\x01'));
    Json files = Json::array();
    for (int i = 0; i < 4; ++i) {
        files.push_back(item("f" + std::to_string(i) + ".txt", "text/plain", std::string(kMiB, 'x')));
    }
    files.push_back(item("v.mp4", "video/mp4", std::string(kMiB, 'v')));
    Json body = {{"text", text}, {"attachments", files}};

    std::size_t one_mib = max_message_body_bytes(65536, kMiB);
    std::size_t six_mib = max_message_body_bytes(65536, 6 * kMiB);
    std::size_t huge = max_message_body_bytes(65536, 1024 * kMiB);

    EXPECT_LE(body.dump().size(), one_mib);
    EXPECT_LT(one_mib, 8 * kMiB);
    EXPECT_GT(six_mib, 40 * kMiB);
    // Past the bot's own limits a larger setting changes nothing.
    EXPECT_EQ(huge, max_message_body_bytes(65536, 20 * kMiB));
    EXPECT_LT(huge, 60 * kMiB);
}

}  // namespace nbdash::channel
