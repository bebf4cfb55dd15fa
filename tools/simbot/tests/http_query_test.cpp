#include "http_query.hpp"

#include <gtest/gtest.h>

namespace simbot {
namespace {

TEST(HttpQuery, SplitsPathAndDecodesQuery)
{
    const auto target = parse_target("/ws/?client_id=dash%2Db1&token=a+b%3D&empty");

    EXPECT_EQ(target.path, "/ws/");
    EXPECT_EQ(target.query.at("client_id"), "dash-b1");
    EXPECT_EQ(target.query.at("token"), "a b=");
    EXPECT_EQ(target.query.at("empty"), "");
}

TEST(HttpQuery, KeepsMalformedEscapes)
{
    EXPECT_EQ(percent_decode("100%zz%4", false), "100%zz%4");
}

TEST(HttpQuery, ComparesSecrets)
{
    EXPECT_TRUE(secrets_equal("s3cret", "s3cret"));
    EXPECT_FALSE(secrets_equal("s3cret", "s3creT"));
    EXPECT_FALSE(secrets_equal("", "s3cret"));
    EXPECT_FALSE(secrets_equal("s3cret", ""));
}

}  // namespace
}  // namespace simbot
