#include "utf8.hpp"

#include <string>

#include <gtest/gtest.h>

namespace simbot {
namespace {

std::string join(const std::vector<std::string>& parts)
{
    std::string out;
    for (const auto& p : parts) {
        out += p;
    }
    return out;
}

TEST(Utf8, FloorStepsBackToCharacterStart)
{
    const std::string text = "a你b";  // 你 occupies bytes 1..3

    EXPECT_EQ(utf8_floor(text, 2), 1u);
    EXPECT_EQ(utf8_floor(text, 3), 1u);
    EXPECT_EQ(utf8_floor(text, 4), 4u);
    EXPECT_EQ(utf8_floor(text, 99), text.size());
}

TEST(Utf8, ValidatesWellFormedText)
{
    EXPECT_TRUE(is_valid_utf8("hello 你好 👩‍👩‍👧‍👦"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(is_valid_utf8("abc\xE4\xBD"));   // truncated
}

TEST(Utf8, ChunksRejoinToOriginalAndStayValid)
{
    const std::string text = "你好，世界！Family: 👩‍👩‍👧‍👦 and 🏳️‍🌈 done";

    for (std::size_t target : {1u, 2u, 3u, 5u, 7u, 13u}) {
        const auto chunks = split_chunks(text, target, false);
        EXPECT_EQ(join(chunks), text);
        for (const auto& chunk : chunks) {
            EXPECT_FALSE(chunk.empty());
            EXPECT_TRUE(is_valid_utf8(chunk)) << "target " << target;
        }
    }
}

TEST(Utf8, PrefersBreakingAfterSpaces)
{
    const auto chunks = split_chunks("one two three four five", 4);

    ASSERT_GE(chunks.size(), 3u);
    EXPECT_EQ(chunks[0], "one two ");
    EXPECT_EQ(join(chunks), "one two three four five");
}

TEST(Utf8, EmptyTextGivesNoChunks)
{
    EXPECT_TRUE(split_chunks("", 10).empty());
}

}  // namespace
}  // namespace simbot
