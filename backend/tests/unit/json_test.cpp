#include "common/json.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "realtime/browser_session.hpp"
#include "realtime/chat_frame.hpp"

namespace nbdash {

TEST(StrictJson, ParsesAnObject) {
    Json body = parse_request_json(R"({"id":"alpha","n":[1,2]})");

    EXPECT_EQ(body["id"], "alpha");
}

TEST(StrictJson, RefusesDuplicateKeys) {
    EXPECT_THROW(parse_request_json(R"({"id":"a","id":"b"})"), ClientError);
    EXPECT_THROW(parse_request_json(R"({"x":{"k":1,"k":2}})"), ClientError);
}

TEST(StrictJson, AllowsTheSameKeyInSiblingObjects) {
    EXPECT_NO_THROW(parse_request_json(R"([{"k":1},{"k":2}])"));
}

TEST(StrictJson, RefusesDeepNesting) {
    std::string deep(100, '[');
    deep += std::string(100, ']');

    EXPECT_THROW(parse_request_json(deep), ClientError);
}

TEST(StrictJson, RefusesMalformedInputAndInvalidUtf8) {
    EXPECT_THROW(parse_request_json("{\"a\":"), ClientError);
    EXPECT_THROW(parse_request_json("{\"a\":\"\xff\"}"), ClientError);
    EXPECT_THROW(parse_request_json(""), ClientError);
}

TEST(StrictJson, RefusesNumbersOutOfRange) {
    EXPECT_THROW(parse_request_json(R"({"n":1e999})"), ClientError);
    EXPECT_THROW(parse_request_json(R"({"n":-1e999})"), ClientError);
    EXPECT_THROW(parse_request_json(R"({"n":18446744073709551615})"), ClientError);
    EXPECT_EQ(parse_request_json(R"({"n":9223372036854775807})")["n"].get<std::int64_t>(),
              INT64_MAX);
    EXPECT_EQ(parse_request_json(R"({"n":-9223372036854775808})")["n"].get<std::int64_t>(),
              INT64_MIN);
}

TEST(StrictJson, RefusesOverlongAndSurrogateUtf8) {
    EXPECT_THROW(parse_request_json("{\"a\":\"\xc0\xaf\"}"), ClientError);
    EXPECT_THROW(parse_request_json("{\"a\":\"\xed\xa0\x80\"}"), ClientError);
    EXPECT_THROW(parse_request_json("{\"\xff\":1}"), ClientError);
}

TEST(StrictJson, FieldReadersNameTheField) {
    Json body = {{"id", 5}};

    try {
        required_string(body, "id");
        FAIL();
    } catch (const ClientError& e) {
        EXPECT_NE(std::string(e.what()).find("\"id\""), std::string::npos);
    }
    EXPECT_THROW(required_string(Json::object(), "name"), ClientError);
}

TEST(DeltaJoin, JoinsTheDeltasOfOneAnswerAsTheyWouldReadOneAfterTheOther) {
    auto delta = [](const std::string& bot, const std::string& request, const std::string& text) {
        return dump_json({{"type", "chat_delta"}, {"bot_id", bot}, {"request_id", request},
                          {"text", text}});
    };
    std::string joined = delta("alpha", "r1", "Hello, \"wo");
    std::string tricky = "rld\\\" \n\x01 你好 \",\"type\":\"chat_delta\"}";

    bool same = realtime::append_delta(joined, delta("alpha", "r1", tricky));
    bool other_request = realtime::append_delta(joined, delta("alpha", "r2", "x"));
    bool other_bot = realtime::append_delta(joined, delta("beta", "r1", "x"));
    bool other_type = realtime::append_delta(
        joined, dump_json({{"type", "chat_reasoning"}, {"bot_id", "alpha"},
                           {"request_id", "r1"}, {"text", "x"}}));

    EXPECT_TRUE(same);
    EXPECT_FALSE(other_request);
    EXPECT_FALSE(other_bot);
    EXPECT_FALSE(other_type);
    EXPECT_EQ(joined, delta("alpha", "r1", "Hello, \"wo" + tricky));
}

// The relay writes its frames without a Json tree; they must be the very bytes dump_json writes,
// or the delta join (which compares the frame's head) and the browsers would see two shapes.
TEST(ChatTextFrame, WritesWhatDumpJsonWrites) {
    const std::vector<std::string> texts = {
        "", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t\x01\x1f\x7f",
        "你好，世界", "👩‍👩‍👧 family, 🏳️‍🌈 flag", std::string("nul\0inside", 10),
        "ill-formed \xC3\x28 and \xED\xA0\x80 and \xF4\x90\x80\x80 and cut \xE4\xBD"};
    for (const auto& text : texts) {
        std::string expected = dump_json({{"type", "chat_delta"}, {"bot_id", "alpha"},
                                          {"request_id", "r-1"}, {"text", text}});
        EXPECT_EQ(realtime::chat_text_frame("chat_delta", "alpha", "r-1", text), expected);
    }
    auto frame = [](const std::string& text) {
        return realtime::chat_text_frame("chat_delta", "alpha", "r-1", text);
    };
    std::string joined = frame("你");
    EXPECT_TRUE(realtime::append_delta(joined, frame("好")));
    EXPECT_EQ(joined, frame("你好"));
}

}  // namespace nbdash
