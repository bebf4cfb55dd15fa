#include "common/ids.hpp"

#include <set>

#include <gtest/gtest.h>

namespace nbdash {

TEST(BotId, AcceptsSlugs) {
    EXPECT_TRUE(is_valid_bot_id("alpha"));
    EXPECT_TRUE(is_valid_bot_id("a1"));
    EXPECT_TRUE(is_valid_bot_id("sales-bot-2"));
    EXPECT_TRUE(is_valid_bot_id("a" + std::string(62, 'b')));
}

TEST(BotId, RefusesPathAndShellCharacters) {
    for (const char* bad : {"", "a", "Alpha", "1abc", "-abc", "a/b", "..", "a b", "a;rm", "a_b",
                            "a.b", "alpha\n"}) {
        EXPECT_FALSE(is_valid_bot_id(bad)) << bad;
    }
    EXPECT_FALSE(is_valid_bot_id("a" + std::string(63, 'b')));
    EXPECT_FALSE(is_valid_bot_id(std::string("ab\0c", 4)));
}

TEST(RandomIds, AreUniqueAndWellFormed) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(new_uuid());

    EXPECT_EQ(seen.size(), 100u);
    EXPECT_EQ(new_uuid().size(), 36u);
    EXPECT_EQ(new_uuid()[14], '4');
    EXPECT_EQ(random_hex(16).size(), 32u);
}

TEST(Secrets, CompareByValue) {
    EXPECT_TRUE(secrets_equal("token-1", "token-1"));
    EXPECT_FALSE(secrets_equal("token-1", "token-2"));
    EXPECT_FALSE(secrets_equal("token", "token-longer"));
}

}  // namespace nbdash
