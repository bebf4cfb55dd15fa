// Files sent with a chat message: checked against what nanobot accepts and the upload limit,
// stored in the bot's own folder, handed to the bot in nanobot's message.media form (simbot
// saves them as nanobot does and names them in its reply) and shown in the history.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "common/base64.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kUploadLimit = 4096;

class ChatUploads : public DashboardTest {
protected:
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        create_and_start("sim");
    }
    std::map<std::string, std::string> settings() const override {
        return {{"chat.upload_max_bytes", std::to_string(kUploadLimit)}};
    }

    fs::path data_dir() const { return data->path() / "bots" / "sim" / ".nanobot"; }

    static std::string read_all(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }

    static Json attachment(const std::string& name, const std::string& mime,
                           const std::string& bytes) {
        return {{"name", name}, {"mime", mime}, {"data", base64_encode(bytes)}};
    }

    std::string message_count() const {
        return database->scalar("SELECT count(*) FROM bot_message WHERE bot_id = 'sim'");
    }
};

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x07');

}  // namespace

TEST_F(ChatUploads, FilesReachTheBotAreStoredInItsFolderAndShownInTheHistory) {
    Json body = {{"text", "look at these"},
                 {"attachments", Json::array({attachment("photo.png", "image/png", kPng),
                                              attachment("../../secret notes", "text/plain",
                                                         "line one\n")})}};
    auto sent = client->post("/api/bots/sim/messages", body);
    ASSERT_EQ(sent.status, 202) << sent.body;
    std::string id = sent.json()["request_id"];

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_NE(reply_text(id).find("I received 2 attachments: photo.png, secret_notes.txt."),
              std::string::npos)
        << reply_text(id);

    Json media = Json::parse(database->scalar("SELECT media_json::text FROM bot_message WHERE "
                                              "request_id = '" + id + "' AND role = 'user'"),
                             nullptr, false);
    ASSERT_TRUE(media.is_array() && media.size() == 2) << media;
    std::string folder = "media/websocket/dashboard-" + id + "/";
    EXPECT_EQ(media[0], folder + "photo.png");
    EXPECT_EQ(media[1], folder + "secret_notes.txt");
    EXPECT_EQ(read_all(data_dir() / media[0].get<std::string>()), kPng);
    EXPECT_EQ(read_all(data_dir() / media[1].get<std::string>()), "line one\n");
    // simbot, like nanobot, saved its own copy of each file it was sent as a data URL.
    std::size_t bot_copies = 0;
    for (const auto& entry : fs::directory_iterator(data_dir() / "media" / "websocket")) {
        if (entry.is_regular_file() && read_all(entry.path()) == kPng) ++bot_copies;
    }
    EXPECT_EQ(bot_copies, 1u);

    auto history = client->get("/api/bots/sim/messages").json();
    Json user_message;
    for (const auto& m : history["messages"]) {
        if (m["role"] == "user" && m["request_id"] == id) user_message = m;
    }
    ASSERT_TRUE(user_message.is_object()) << history;
    EXPECT_EQ(user_message["media"], media);
    EXPECT_EQ(user_message["text"], "look at these");

    auto image = client->get("/api/bots/sim/media?path=" + media[0].get<std::string>());
    EXPECT_EQ(image.status, 200);
    EXPECT_EQ(image.headers["Content-Type"], "image/png");
    EXPECT_EQ(image.body, kPng);
}

TEST_F(ChatUploads, FilesWithoutTextAreSent) {
    Json body = {{"attachments", Json::array({attachment("data.json", "application/json",
                                                         R"({"a":1})")})}};
    auto sent = client->post("/api/bots/sim/messages", body);
    ASSERT_EQ(sent.status, 202) << sent.body;
    std::string id = sent.json()["request_id"];

    ASSERT_EQ(wait_closed(id), "success");
    EXPECT_NE(reply_text(id).find("I received 1 attachment: data.json."), std::string::npos)
        << reply_text(id);
}

TEST_F(ChatUploads, RefusedUploadsSayWhyAndChangeNothing) {
    std::string before = message_count();
    struct Case {
        Json attachments;
        int status;
        std::string code;
    };
    Json five = Json::array();
    for (int i = 0; i < 5; ++i) five.push_back(attachment("p.png", "image/png", kPng));
    std::vector<Case> cases = {
        {Json::array({attachment("logo.svg", "image/svg+xml", "<svg/>")}), 400,
         "unsupported_attachment_type"},
        {Json::array({attachment("big.png", "image/png", std::string(kUploadLimit + 1, 'x'))}),
         413, "attachment_too_large"},
        {Json::array({{{"name", "a.png"}, {"mime", "image/png"}, {"data", "not base64!"}}}), 400,
         "invalid_attachment"},
        {Json::array({{{"name", "a.png"}, {"mime", "image/png"}}}), 400, "invalid_attachment"},
        {Json("photo.png"), 400, "invalid_field"},
        {five, 400, "too_many_attachments"},
    };
    for (const auto& c : cases) {
        auto refused = client->post("/api/bots/sim/messages",
                                    {{"text", "with a file"}, {"attachments", c.attachments}});
        EXPECT_EQ(refused.status, c.status) << refused.body;
        EXPECT_EQ(refused.error_code(), c.code) << refused.body;
    }
    auto too_large = client->post(
        "/api/bots/sim/messages",
        {{"text", "x"},
         {"attachments", Json::array({attachment("big.png", "image/png",
                                                 std::string(kUploadLimit + 1, 'x'))})}});
    EXPECT_NE(too_large.json()["error"]["message"].get<std::string>().find(
                  "chat.upload_max_bytes"),
              std::string::npos)
        << too_large.body;
    auto blank = client->post("/api/bots/sim/messages", {{"text", " "}});
    EXPECT_EQ(blank.status, 400);

    EXPECT_EQ(message_count(), before);
    EXPECT_FALSE(fs::exists(data_dir() / "media" / "websocket") &&
                 !fs::is_empty(data_dir() / "media" / "websocket"));
}

TEST_F(ChatUploads, TheBodyLimitFollowsTheUploadSetting) {
    std::string before = message_count();
    // 400 KB of file is far more base64 than 4 KiB files and 64 KiB of text can need.
    Json big = {{"text", "a big one"},
                {"attachments", Json::array({attachment("big.png", "image/png",
                                                        kPng + std::string(400000, 'x'))})}};

    auto refused = client->post("/api/bots/sim/messages", big);
    auto raised = client->request("PUT", "/api/settings/chat.upload_max_bytes",
                                  Json{{"value", 1024 * 1024}}.dump());
    auto accepted = client->post("/api/bots/sim/messages", big);

    EXPECT_EQ(refused.status, 413) << refused.body;
    EXPECT_EQ(refused.error_code(), "body_too_large");
    std::string why = refused.json()["error"]["message"];
    EXPECT_NE(why.find("chat.upload_max_bytes"), std::string::npos) << why;
    EXPECT_NE(why.find("at most"), std::string::npos) << why;
    ASSERT_EQ(raised.status, 200) << raised.body;
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    std::string id = accepted.json()["request_id"];
    EXPECT_EQ(wait_closed(id), "success");
    // Only the accepted message was recorded: the refused one left no row and no file.
    EXPECT_EQ(std::stoi(message_count()), std::stoi(before) + 2);
    std::size_t upload_folders = 0;
    for (const auto& entry : fs::directory_iterator(data_dir() / "media" / "websocket")) {
        if (entry.is_directory() && entry.path().filename().string().starts_with("dashboard-")) {
            ++upload_folders;
        }
    }
    EXPECT_EQ(upload_folders, 1u);
}

}  // namespace nbdash::testing
