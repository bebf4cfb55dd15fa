#include "common/json.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"

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

}  // namespace nbdash
