#include "db/event_redaction.hpp"

#include <gtest/gtest.h>

namespace nbdash::db {

TEST(EventRedaction, NamesSecretKeys) {
    for (const char* key : {"password", "access_password", "apiKey", "api_key", "X-Api-Key",
                            "client_secret", "token", "access_token", "Authorization", "Cookie",
                            "set-cookie", "credentials", "private_key", "auth"}) {
        EXPECT_TRUE(is_secret_key(key)) << key;
    }
}

TEST(EventRedaction, KeepsTokenCountsAndOrdinaryKeys) {
    for (const char* key : {"input_tokens", "output_tokens", "total_tokens", "max_tokens",
                            "tokens_today", "budget_tokens", "kind", "bot_id", "file", "author",
                            "keyboard"}) {
        EXPECT_FALSE(is_secret_key(key)) << key;
    }
}

TEST(EventRedaction, ReplacesSecretValuesInMetadataAtAnyDepth) {
    Json metadata = {{"kind", "config"},
                     {"api_key", "sk-live-123"},
                     {"usage", {{"total_tokens", 42}, {"password", {{"nested", 1}}}}},
                     {"list", {{{"token", "abc"}}, "Authorization: Bearer xyz"}}};

    Json redacted = redact_metadata(metadata);

    EXPECT_EQ(redacted["kind"], "config");
    EXPECT_EQ(redacted["api_key"], kRedacted);
    EXPECT_EQ(redacted["usage"]["total_tokens"], 42);
    EXPECT_EQ(redacted["usage"]["password"], kRedacted);
    EXPECT_EQ(redacted["list"][0]["token"], kRedacted);
    EXPECT_EQ(redacted["list"][1], "Authorization: [redacted]");
    EXPECT_EQ(redacted.dump().find("sk-live"), std::string::npos);
}

TEST(EventRedaction, ReplacesKeyValuePairsInText) {
    EXPECT_EQ(redact_text("login failed password=hunter2 for admin"),
              "login failed password=[redacted] for admin");
    EXPECT_EQ(redact_text("api_key: sk-123, model: gpt"), "api_key: [redacted], model: gpt");
    EXPECT_EQ(redact_text("sent {\"token\": \"abc def\", \"n\": 1}"),
              "sent {\"token\": [redacted], \"n\": 1}");
    EXPECT_EQ(redact_text("header Authorization: Bearer abc.def.ghi"),
              "header Authorization: [redacted]");
    EXPECT_EQ(redact_text("auth=Bearer abc.def then"), "auth=[redacted] then");
    EXPECT_EQ(redact_text("Cookie: a=1; b=2\nnext line"), "Cookie: [redacted]\nnext line");
    EXPECT_EQ(redact_text("SECRET = 'x y' done"), "SECRET = [redacted] done");
}

TEST(EventRedaction, LeavesOrdinaryTextAlone) {
    for (const char* text : {"turn used input_tokens=120 total_tokens=160",
                             "the password was changed", "token budget exceeded", "a=b c: d",
                             "", "password="}) {
        EXPECT_EQ(redact_text(text), text);
    }
}

}  // namespace nbdash::db
