#include <gtest/gtest.h>

#include "botconfig/config_schema.hpp"
#include "botconfig/skill_file.hpp"
#include "botconfig/text_checks.hpp"
#include "botconfig/text_diff.hpp"
#include "common/errors.hpp"
#include "settings/setting_rules.hpp"

namespace nbdash::botconfig {

TEST(TextChecksTest, Utf8) {
    EXPECT_TRUE(is_utf8_text("plain"));
    EXPECT_TRUE(is_utf8_text("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"));
    EXPECT_FALSE(is_utf8_text(std::string_view("a\0b", 3)));
    EXPECT_FALSE(is_utf8_text("\xc3"));               // cut short
    EXPECT_FALSE(is_utf8_text("\xc0\xaf"));           // overlong
    EXPECT_FALSE(is_utf8_text("\xed\xa0\x80"));       // surrogate
    EXPECT_FALSE(is_utf8_text("\xf4\x90\x80\x80"));   // past U+10FFFF
}

TEST(TextDiffTest, UnifiedDiffWithContext) {
    std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    std::string after = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
    std::string diff = unified_diff(before, after, "x@1", "x@2");
    EXPECT_EQ(diff,
              "--- x@1\n+++ x@2\n"
              "@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n");
    EXPECT_EQ(unified_diff("same", "same", "a", "b"), "");
    EXPECT_EQ(unified_diff("", "new\n", "/dev/null", "x@1"), "--- /dev/null\n+++ x@1\n@@ -0,0 +1,1 @@\n+new\n");
}

TEST(SkillFileTest, FrontMatterAndChecks) {
    std::string md = "---\nname: daily-standup\ndescription: \"Write a stand-up: done, next\"\n"
                     "metadata: {\"nanobot\":{\"emoji\":\"x\"}}\n---\n\n# Body\n";
    auto front = read_front_matter(md);
    ASSERT_TRUE(front);
    EXPECT_EQ(front->name, "daily-standup");
    EXPECT_EQ(front->description, "Write a stand-up: done, next");
    EXPECT_NO_THROW(check_skill_md("daily-standup", md));
    EXPECT_THROW(check_skill_md("other", md), ClientError);
    EXPECT_THROW(check_skill_md("x", "no front matter"), ClientError);
    EXPECT_THROW(check_skill_md("x", "---\nname: x\n---\n"), ClientError);  // no description
    EXPECT_FALSE(read_front_matter("---\nname: x\n"));                     // never closed
    EXPECT_TRUE(is_valid_skill_key("a1-b"));
    EXPECT_FALSE(is_valid_skill_key("-a"));
    EXPECT_FALSE(is_valid_skill_key("A"));
    EXPECT_FALSE(is_valid_skill_key("../x"));
    EXPECT_FALSE(is_valid_skill_key(std::string(65, 'a')));
}

TEST(ConfigSchemaTest, ProviderVariablesAndChannels) {
    EXPECT_EQ(provider_key_variable("openai"), "OPENAI_API_KEY");
    EXPECT_EQ(provider_key_variable("lmStudio"), "LM_STUDIO_API_KEY");
    EXPECT_EQ(provider_key_variable("azure_openai"), "AZURE_OPENAI_API_KEY");
    EXPECT_TRUE(is_builtin_provider("lm_studio"));
    EXPECT_FALSE(is_builtin_provider("mine"));
    const Json& schema = config_schema();
    bool telegram_token_secret = false;
    for (const auto& channel : schema["channels"]) {
        if (channel["name"] != "telegram") continue;
        for (const auto& field : channel["fields"]) {
            if (field["key"] == "token") telegram_token_secret = field["secret"];
        }
    }
    EXPECT_TRUE(telegram_token_secret);
}

}  // namespace nbdash::botconfig

namespace nbdash {

TEST(SettingRulesTest, TypesRangesAndChoices) {
    db::SettingRecord integer{.key = "chat.history_page_size", .value_type = "integer"};
    EXPECT_NO_THROW(check_setting_value(integer, 20));
    EXPECT_THROW(check_setting_value(integer, "20"), ClientError);
    EXPECT_THROW(check_setting_value(integer, 2.5), ClientError);
    EXPECT_THROW(check_setting_value(integer, 0), ClientError);
    EXPECT_THROW(check_setting_value(integer, 501), ClientError);
    db::SettingRecord number{.key = "bots.default_cpus", .value_type = "number"};
    EXPECT_NO_THROW(check_setting_value(number, 0.5));
    EXPECT_THROW(check_setting_value(number, true), ClientError);
    db::SettingRecord choice{.key = "ui.default_language", .value_type = "string"};
    EXPECT_NO_THROW(check_setting_value(choice, "zh-CN"));
    EXPECT_THROW(check_setting_value(choice, "fr"), ClientError);
    db::SettingRecord json{.key = "usage.price_table", .value_type = "json"};
    EXPECT_NO_THROW(check_setting_value(json, Json::object()));
    EXPECT_THROW(check_setting_value(json, 3), ClientError);
    Json shown = setting_json(integer);
    EXPECT_EQ(shown["min"], 1);
    EXPECT_EQ(shown["max"], 500);
}

}  // namespace nbdash
