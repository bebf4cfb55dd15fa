// A test fixture with a fresh database, simbot registered as the image, a running nbdash and a
// signed-in client, plus helpers for the common steps of a chat test.
#pragma once

#include <gtest/gtest.h>

#include "support/test_services.hpp"

namespace nbdash::testing {

class DashboardTest : public ::testing::Test {
protected:
    void SetUp() override;
    // Settings to store before nbdash starts, as SQL literal JSON values keyed by setting key.
    virtual std::map<std::string, std::string> settings() const { return {}; }
    // How nbdash is started (environment); the process runtime unless a fixture says otherwise.
    virtual ServerOptions server_options() const { return {}; }
    // Starts nbdash again on the same database and data, signed in anew.
    void restart_server();

    Json bot(const std::string& id);
    void create_and_start(const std::string& id);
    // Sends text to the bot and returns the request id.
    std::string send(const std::string& bot_id, const std::string& text);
    // Waits until the request's usage row leaves "running"; returns its status ("" on timeout).
    std::string wait_closed(const std::string& request_id,
                            std::chrono::milliseconds timeout = std::chrono::seconds(15));
    std::string usage_field(const std::string& request_id, const std::string& column);
    std::string reply_text(const std::string& request_id);

    std::unique_ptr<FreshDatabase> database;
    std::unique_ptr<TempFolder> data;
    std::unique_ptr<NbdashServer> server;
    std::unique_ptr<ApiClient> client;
};

}  // namespace nbdash::testing
