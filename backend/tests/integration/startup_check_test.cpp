// nbdash refuses to start on a database that lacks a table or a core setting, and says what is
// missing and how to create it.
#include <gtest/gtest.h>

#include "support/test_services.hpp"

namespace nbdash::testing {

namespace {

int check_db(const FreshDatabase& database, std::string& output) {
    return run_command({NBDASH_BINARY, "check-db", "--database-url", database.url()}, {}, output);
}

}  // namespace

TEST(StartupCheck, PassesOnAFreshlyInitialisedDatabase) {
    NBDASH_REQUIRE_CLUSTER();
    FreshDatabase database;
    std::string output;

    int code = check_db(database, output);

    EXPECT_EQ(code, 0) << output;
}

TEST(StartupCheck, NamesAMissingTable) {
    NBDASH_REQUIRE_CLUSTER();
    FreshDatabase database;
    database.execute("DROP TABLE skill_market_item");
    std::string output;

    int code = check_db(database, output);

    EXPECT_EQ(code, 3);
    EXPECT_NE(output.find("skill_market_item"), std::string::npos) << output;
    EXPECT_NE(output.find("init-full-db.sh"), std::string::npos) << output;
}

TEST(StartupCheck, NamesAMissingCoreSetting) {
    NBDASH_REQUIRE_CLUSTER();
    FreshDatabase database;
    database.execute("DELETE FROM sys_setting WHERE key = 'chat.turn_timeout_seconds'");
    std::string output;

    int code = check_db(database, output);

    EXPECT_EQ(code, 3);
    EXPECT_NE(output.find("chat.turn_timeout_seconds"), std::string::npos) << output;
}

TEST(StartupCheck, ServeRefusesToStartOnAnIncompleteDatabase) {
    NBDASH_REQUIRE_CLUSTER();
    FreshDatabase database;
    TempFolder data;
    database.execute("DROP TABLE bot_activity_event");
    std::string output;

    int code = run_command({NBDASH_BINARY, "serve", "--port", std::to_string(free_port()),
                            "--data-dir", data.path().string()},
                           {{"NBDASH_DATABASE_URL", database.url()},
                            {"NBDASH_ADMIN_PASSWORD", "x-password"}},
                           output);

    EXPECT_EQ(code, 3);
    EXPECT_NE(output.find("bot_activity_event"), std::string::npos) << output;
    EXPECT_EQ(database.scalar("SELECT count(*) FROM pg_tables WHERE tablename = "
                              "'bot_activity_event'"),
              "0");
}

TEST(StartupCheck, ServeExplainsAnUnreachableDatabase) {
    TempFolder data;
    std::string output;

    int code = run_command({NBDASH_BINARY, "serve", "--port", std::to_string(free_port()),
                            "--data-dir", data.path().string()},
                           {{"NBDASH_DATABASE_URL",
                             "postgresql://nobody:hidden-pw@127.0.0.1:1/none"},
                            {"NBDASH_ADMIN_PASSWORD", "x-password"}},
                           output);

    EXPECT_EQ(code, 4);
    EXPECT_NE(output.find("cannot connect"), std::string::npos) << output;
    EXPECT_EQ(output.find("hidden-pw"), std::string::npos) << output;
}

}  // namespace nbdash::testing
