// Platform settings and the skill market through the API.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace fs = std::filesystem;

namespace {

class SettingsAndSkills : public DashboardTest {
protected:
    ApiResponse put_setting(const std::string& key, const Json& value) {
        return client->request("PUT", "/api/settings/" + key, Json{{"value", value}}.dump());
    }
};

}  // namespace

TEST_F(SettingsAndSkills, SettingsAreGroupedCheckedAndTakeEffectAtOnce) {
    Json all = client->get("/api/settings").json();
    ASSERT_TRUE(all["categories"].is_array());
    std::vector<std::string> names;
    for (const auto& group : all["categories"]) {
        names.push_back(group["category"]);
        int last = -1;
        for (const auto& s : group["settings"]) {
            EXPECT_GE(s["sort_order"].get<int>(), last);
            last = s["sort_order"];
            EXPECT_FALSE(s["description"].get<std::string>().empty()) << s["key"];
            EXPECT_NE(s["key"], "auth.admin_password_hash");
        }
    }
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));

    std::string before = database->scalar("SELECT value_json::text FROM sys_setting WHERE key = "
                                          "'chat.max_message_bytes'");
    struct Case {
        std::string key;
        Json value;
        int status;
        std::string code;
    };
    for (const auto& c : std::vector<Case>{{"chat.max_message_bytes", "big", 400, "invalid_value"},
                                           {"chat.max_message_bytes", 1.5, 400, "invalid_value"},
                                           {"chat.max_message_bytes", 0, 400, "invalid_value"},
                                           {"ui.default_language", "fr", 400, "invalid_value"},
                                           {"bots.default_cpus", true, 400, "invalid_value"},
                                           {"no.such.key", 1, 404, "setting_not_found"},
                                           {"auth.admin_password_hash", "x", 404, "setting_not_found"}}) {
        auto response = put_setting(c.key, c.value);
        EXPECT_EQ(response.status, c.status) << c.key << response.body;
        EXPECT_EQ(response.error_code(), c.code) << c.key;
    }
    EXPECT_EQ(database->scalar("SELECT value_json::text FROM sys_setting WHERE key = "
                               "'chat.max_message_bytes'"),
              before);

    // A new limit applies to the next request, without a restart.
    create_and_start("alpha");
    auto changed = put_setting("chat.max_message_bytes", 10);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["value"], 10);
    auto refused = client->post("/api/bots/alpha/messages", {{"text", "longer than ten bytes"}});
    EXPECT_EQ(refused.status, 413) << refused.body;

    // Public settings need no session and hold only public rows.
    ApiClient anonymous(server->port());
    auto open = anonymous.get("/api/settings/public");
    ASSERT_EQ(open.status, 200) << open.body;
    EXPECT_TRUE(open.json()["settings"].contains("ui.site_title"));
    EXPECT_FALSE(open.json()["settings"].contains("chat.max_message_bytes"));
    EXPECT_EQ(anonymous.get("/api/settings").status, 401);
}

TEST_F(SettingsAndSkills, MarketListsSearchesAndAdminsEditIt) {
    Json all = client->get("/api/skills").json();
    ASSERT_GE(all["skills"].size(), 6u);
    EXPECT_FALSE(all["skills"][0].contains("skill_md"));
    Json found = client->get("/api/skills?q=stand-up").json()["skills"];
    ASSERT_EQ(found.size(), 1u) << found.dump();
    EXPECT_EQ(found[0]["skill_key"], "daily-standup");
    Json ops = client->get("/api/skills?category=operations").json()["skills"];
    for (const auto& s : ops) EXPECT_EQ(s["category"], "operations");
    EXPECT_EQ(client->get("/api/skills?q=%25").json()["skills"].size(), 0u);  // % is literal

    std::string md = "---\nname: changelog-digest\ndescription: Summarise a changelog for a weekly digest.\n"
                     "---\n\n# Changelog digest\n\nGroup changes by kind.\n";
    Json item = {{"skill_key", "changelog-digest"}, {"name", "Changelog digest"},
                 {"description", "Summarise a changelog"}, {"category", "writing"}, {"skill_md", md}};
    auto created = client->post("/api/skills", item);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client->post("/api/skills", item).status, 409);
    Json wrong = item;
    wrong["skill_key"] = "other-name";
    EXPECT_EQ(client->post("/api/skills", wrong).error_code(), "invalid_skill");
    wrong = item;
    wrong["skill_md"] = "no front matter";
    EXPECT_EQ(client->post("/api/skills", wrong).error_code(), "invalid_skill");

    std::int64_t id = created.json()["id"];
    auto updated = client->request("PUT", "/api/skills/" + std::to_string(id),
                                   Json{{"version", "1.1.0"}, {"enabled", false}}.dump());
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json()["version"], "1.1.0");
    EXPECT_EQ(client->get("/api/skills?q=changelog-digest").json()["skills"].size(), 0u);  // disabled
}

TEST_F(SettingsAndSkills, InstallListAndRemoveSkillsInABot) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}}).status, 201);
    fs::path skills = data->path() / "bots" / "alpha" / ".nanobot" / "workspace" / "skills";
    auto installed = client->post("/api/bots/alpha/skills", {{"skill_key", "incident-triage"}});
    ASSERT_EQ(installed.status, 201) << installed.body;
    std::ifstream in(skills / "incident-triage" / "SKILL.md");
    std::string content{std::istreambuf_iterator<char>(in), {}};
    EXPECT_EQ(content.rfind("---\nname: incident-triage\ndescription: ", 0), 0u);
    EXPECT_EQ(client->post("/api/bots/alpha/skills", {{"skill_key", "incident-triage"}}).status, 409);
    EXPECT_EQ(client->post("/api/bots/alpha/skills", {{"skill_key", "nope"}}).status, 404);
    EXPECT_EQ(client->post("/api/bots/alpha/skills", {{"skill_key", "../x"}}).status, 400);

    // A skill written by hand in the workspace is listed too.
    fs::create_directories(skills / "my-notes");
    std::ofstream(skills / "my-notes" / "SKILL.md") << "---\nname: my-notes\ndescription: Mine\n---\nBody\n";
    Json list = client->get("/api/bots/alpha/skills").json()["skills"];
    ASSERT_EQ(list.size(), 2u) << list.dump();
    EXPECT_EQ(list[0]["name"], "incident-triage");
    EXPECT_EQ(list[0]["source"], "market");
    EXPECT_EQ(list[0]["modified"], false);
    EXPECT_EQ(list[1]["source"], "custom");
    EXPECT_EQ(list[1]["description"], "Mine");

    EXPECT_EQ(client->request("DELETE", "/api/bots/alpha/skills/my-notes").status, 204);
    EXPECT_FALSE(fs::exists(skills / "my-notes"));
    EXPECT_EQ(client->request("DELETE", "/api/bots/alpha/skills/my-notes").status, 404);
    EXPECT_NE(client->request("DELETE", "/api/bots/alpha/skills/..").status, 204);
    EXPECT_TRUE(fs::exists(skills / "incident-triage" / "SKILL.md"));
}

}  // namespace nbdash::testing
