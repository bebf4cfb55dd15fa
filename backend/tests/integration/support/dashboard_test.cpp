#include "support/dashboard_test.hpp"

namespace nbdash::testing {

void DashboardTest::SetUp() {
    NBDASH_REQUIRE_CLUSTER();
    database = std::make_unique<FreshDatabase>();
    data = std::make_unique<TempFolder>();
    for (const auto& [key, value] : settings()) {
        database->execute("UPDATE sys_setting SET value_json = '" + value + "'::jsonb WHERE key = '" +
                          key + "'");
    }
    install_simbot_image(*database, *data);
    server = std::make_unique<NbdashServer>(*database, *data, server_options());
    client = std::make_unique<ApiClient>(server->signed_in_client());
}

void DashboardTest::restart_server() {
    server->stop();
    server = std::make_unique<NbdashServer>(*database, *data, server_options());
    client = std::make_unique<ApiClient>(server->signed_in_client());
}

Json DashboardTest::bot(const std::string& id) { return client->get("/api/bots/" + id).json(); }

void DashboardTest::create_and_start(const std::string& id) {
    ASSERT_EQ(client->post("/api/bots", {{"id", id}, {"name", "Bot " + id}}).status, 201);
    ASSERT_EQ(client->post("/api/bots/" + id + "/start", Json::object()).status, 202);
    ASSERT_TRUE(eventually([&] { return bot(id)["current_state"] == "ready"; },
                           std::chrono::seconds(15)))
        << bot(id).dump() << server->log_text();
}

std::string DashboardTest::send(const std::string& bot_id, const std::string& text) {
    auto sent = client->post("/api/bots/" + bot_id + "/messages", {{"text", text}});
    EXPECT_EQ(sent.status, 202) << sent.body;
    return sent.status == 202 ? sent.json()["request_id"].get<std::string>() : "";
}

std::string DashboardTest::usage_field(const std::string& request_id, const std::string& column) {
    return database->scalar("SELECT " + column + "::text FROM bot_request_usage WHERE request_id = '" +
                            request_id + "'");
}

std::string DashboardTest::wait_closed(const std::string& request_id,
                                       std::chrono::milliseconds timeout) {
    std::string status;
    eventually([&] {
        status = usage_field(request_id, "status");
        return status != "running" && !status.empty();
    }, timeout);
    return status == "running" ? "" : status;
}

std::string DashboardTest::reply_text(const std::string& request_id) {
    return database->scalar("SELECT text FROM bot_message WHERE role = 'assistant' AND "
                            "request_id = '" + request_id + "'");
}

}  // namespace nbdash::testing
