#include "base64.hpp"
#include "media.hpp"
#include "png_writer.hpp"

#include <gtest/gtest.h>

namespace simbot {
namespace {

nlohmann::json item(const std::string& mime, const std::string& bytes,
                    const std::string& name = "")
{
    nlohmann::json obj = {{"data_url", "data:" + mime + ";base64," + base64_encode(bytes)}};
    if (!name.empty()) {
        obj["name"] = name;
    }
    return obj;
}

TEST(Base64, RoundTrips)
{
    for (const std::string text : {"", "a", "ab", "abc", "abcd", "\x00\xff\x10"}) {
        EXPECT_EQ(base64_decode(base64_encode(text)), text);
    }
    EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
    EXPECT_FALSE(base64_decode("!!!!"));
}

TEST(Media, AcceptsAllowedTypesAndSanitisesNames)
{
    const auto check = check_media(nlohmann::json::array(
        {item("image/png", "png-bytes", "../../a b.png"), item("text/plain", "hi")}));

    ASSERT_TRUE(check.reason.empty()) << check.reason;
    ASSERT_EQ(check.items.size(), 2u);
    EXPECT_EQ(check.items[0].name.find('/'), std::string::npos);
    EXPECT_EQ(check.items[1].name, "upload.txt");
    EXPECT_EQ(check.items[1].bytes, "hi");
}

TEST(Media, RejectsSvgAndUnknownTypes)
{
    EXPECT_EQ(check_media(nlohmann::json::array({item("image/svg+xml", "<svg/>")})).reason,
              "mime");
    EXPECT_EQ(check_media(nlohmann::json::array({item("application/x-sh", "x")})).reason, "mime");
}

TEST(Media, RejectsMalformedItemsAndBadBase64)
{
    EXPECT_EQ(check_media("nope").reason, "malformed");
    EXPECT_EQ(check_media(nlohmann::json::array({{{"name", "x"}}})).reason, "malformed");
    EXPECT_EQ(check_media(nlohmann::json::array({{{"data_url", "http://x"}}})).reason,
              "malformed");
    EXPECT_EQ(check_media(nlohmann::json::array({{{"data_url", "data:image/png;base64,*"}}}))
                  .reason,
              "decode");
}

TEST(Media, RejectsTooManyAttachments)
{
    auto images = nlohmann::json::array();
    auto mixed = nlohmann::json::array();
    for (int i = 0; i < 5; ++i) {
        images.push_back(item("image/png", "x"));
        mixed.push_back(item(i % 2 ? "image/png" : "text/plain", "x"));
    }

    EXPECT_EQ(check_media(images).reason, "too_many_images");
    EXPECT_EQ(check_media(mixed).reason, "too_many_attachments");
}

TEST(Media, RejectsOversizedAttachment)
{
    const std::string big(kMaxAttachmentBytes + 1, 'a');

    EXPECT_EQ(check_media(nlohmann::json::array({item("text/plain", big)})).reason, "size");
}

TEST(PngWriter, ProducesPngSignatureAndEndChunk)
{
    const auto png = make_sample_png();

    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace simbot
