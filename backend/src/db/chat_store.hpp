// bot_message and bot_request_usage: the dashboard conversation of each bot and what each
// request cost. A request's rows are written together so a reply never lacks its usage row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "db/database.hpp"
#include "db/event_store.hpp"

namespace nbdash::db {

struct MessageRecord {
    std::int64_t id = 0;
    std::string bot_id;
    std::string role;
    std::string text;
    Json media = Json::array();
    std::optional<std::string> feedback;
    std::optional<std::string> request_id;
    std::string status = "complete";
    std::optional<std::string> reasoning;
    std::string created_at;
    // Status of the request (usage row) the message belongs to: running, success, error,
    // timeout, interrupted; null for messages outside any request.
    std::optional<std::string> turn_status;
};

// The user's side of one request: its message, the running usage row and, for a slash command,
// the command_submitted event.
struct RequestOpening {
    std::string bot_id;
    std::string request_id;
    std::string text;
    // Paths of the files sent with the message, relative to the bot's data folder.
    Json media = Json::array();
    std::string channel = "dashboard";
    bool is_command = false;
};

struct RequestOpened {
    MessageRecord message;
    std::optional<EventRecord> command_event;
};

// How a request ended: the reply (when any text arrived) and the usage figures.
struct RequestClosing {
    std::string bot_id;
    std::string request_id;
    std::string status;  // success, error, timeout, interrupted
    std::optional<std::string> reply_text;
    std::string reply_status = "complete";  // complete, partial, error
    std::optional<std::string> reasoning;
    Json media = Json::array();
    std::optional<std::string> provider;
    std::optional<std::string> model;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t total_tokens = 0;
    bool usage_estimated = false;
    std::optional<std::int64_t> latency_ms;
    Json usage = nullptr;
    std::optional<std::string> error_detail;
};

enum class FeedbackResult { kStored, kNotFound, kNotAnAnswer };

struct FeedbackOutcome {
    FeedbackResult result = FeedbackResult::kNotFound;
    std::optional<MessageRecord> message;
};

struct MessagePage {
    std::vector<MessageRecord> messages;  // oldest first
    bool has_more = false;
};

class ChatStore {
public:
    explicit ChatStore(Database& db);

    boost::asio::awaitable<RequestOpened> open_request(RequestOpening opening);
    // Closes the usage row and stores the reply; nullopt reply when no text arrived. Closing a
    // request that is no longer running changes nothing and returns nullopt.
    boost::asio::awaitable<std::optional<MessageRecord>> close_request(RequestClosing closing);
    boost::asio::awaitable<MessagePage> list_messages(std::string bot_id,
                                                      std::optional<std::int64_t> before_id,
                                                      int limit);
    // Sets (or with nullopt clears) the rating of an assistant message. With only_bot set, a
    // message of another bot counts as not found.
    boost::asio::awaitable<FeedbackOutcome> set_feedback(
        std::int64_t message_id, std::optional<std::string> feedback,
        std::optional<std::string> only_bot = std::nullopt);
    // Every message of a bot, oldest first, in pages of at most page_size rows; for export.
    boost::asio::awaitable<std::vector<MessageRecord>> messages_after(std::string bot_id,
                                                                      std::int64_t after_id,
                                                                      int page_size);

    // Marks every still-running request of a bot as interrupted (bot stopped or lost); returns
    // their request ids.
    boost::asio::awaitable<std::vector<std::string>> interrupt_running(std::string bot_id,
                                                                       std::string detail);

private:
    Database& db_;
};

}  // namespace nbdash::db
