#include "db/chat_store.hpp"

namespace nbdash::db {

namespace {

const std::string kMessageColumns =
    "id, bot_id, role, text, media_json, feedback, request_id, status, reasoning, " +
    iso_time("created_at") + " AS created_at";
// The same columns read with the status of the message's request (unique index on request_id).
const std::string kMessageWithTurnColumns =
    "m.id, m.bot_id, m.role, m.text, m.media_json, m.feedback, m.request_id, m.status, "
    "m.reasoning, " + iso_time("m.created_at") + " AS created_at, u.status AS turn_status";
const std::string kMessageWithTurnFrom =
    " FROM bot_message m LEFT JOIN bot_request_usage u ON u.request_id = m.request_id ";

MessageRecord to_message(const pqxx::row& row) {
    MessageRecord message;
    message.id = row["id"].as<std::int64_t>();
    message.bot_id = row["bot_id"].as<std::string>();
    message.role = row["role"].as<std::string>();
    message.text = row["text"].as<std::string>();
    if (!row["media_json"].is_null()) {
        message.media = Json::parse(row["media_json"].as<std::string>(), nullptr, false);
        if (!message.media.is_array()) message.media = Json::array();
    }
    if (!row["feedback"].is_null()) message.feedback = row["feedback"].as<std::string>();
    if (!row["request_id"].is_null()) message.request_id = row["request_id"].as<std::string>();
    message.status = row["status"].as<std::string>();
    if (!row["reasoning"].is_null()) message.reasoning = row["reasoning"].as<std::string>();
    message.created_at = row["created_at"].as<std::string>();
    return message;
}

MessageRecord to_message_with_turn(const pqxx::row& row) {
    MessageRecord message = to_message(row);
    if (!row["turn_status"].is_null()) message.turn_status = row["turn_status"].as<std::string>();
    return message;
}

}  // namespace

ChatStore::ChatStore(Database& db) : db_(db) {
    db_.prepare("message_insert",
                "INSERT INTO bot_message (bot_id, role, text, media_json, request_id, status, "
                "reasoning) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING " +
                    kMessageColumns);
    db_.prepare("usage_open",
                "INSERT INTO bot_request_usage (bot_id, request_id, channel, status, started_at) "
                "VALUES ($1, $2, $3, 'running', now())");
    // Only a running row can be closed, so a late or repeated close is a no-op.
    db_.prepare("usage_close",
                "UPDATE bot_request_usage SET status = $2, provider = $3, model = $4, "
                "input_tokens = $5, output_tokens = $6, total_tokens = $7, "
                "usage_estimated = $8, latency_ms = $9, usage_json = $10::jsonb, "
                "error_detail = $11, completed_at = now() "
                "WHERE request_id = $1 AND status = 'running'");
    db_.prepare("message_page",
                "SELECT " + kMessageWithTurnColumns + kMessageWithTurnFrom +
                    "WHERE m.bot_id = $1 AND ($2::bigint IS NULL OR m.id < $2) "
                    "ORDER BY m.id DESC LIMIT $3");
    db_.prepare("message_role", "SELECT role, bot_id FROM bot_message WHERE id = $1");
    db_.prepare("message_set_feedback",
                "UPDATE bot_message SET feedback = $2, "
                "feedback_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END "
                "WHERE id = $1 AND role = 'assistant' RETURNING " + kMessageColumns +
                    // The reply carries its turn's status, as the history does.
                    ", (SELECT u.status FROM bot_request_usage u "
                    "WHERE u.request_id = bot_message.request_id) AS turn_status");
    db_.prepare("message_after",
                "SELECT " + kMessageWithTurnColumns + kMessageWithTurnFrom +
                    "WHERE m.bot_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3");
    db_.prepare("usage_interrupt_running",
                "UPDATE bot_request_usage SET status = 'interrupted', error_detail = $2, "
                "completed_at = now() WHERE bot_id = $1 AND status = 'running' "
                "RETURNING request_id");
}

boost::asio::awaitable<RequestOpened> ChatStore::open_request(RequestOpening opening) {
    return db_.run([opening = std::move(opening)](pqxx::connection& c) {
        pqxx::work tx(c);
        RequestOpened opened;
        std::optional<std::string> media;
        if (opening.media.is_array() && !opening.media.empty()) media = dump_json(opening.media);
        auto row = tx.exec_prepared("message_insert", opening.bot_id, "user", opening.text,
                                    media, opening.request_id, "complete",
                                    std::optional<std::string>{});
        opened.message = to_message(row[0]);
        opened.message.turn_status = "running";
        tx.exec_prepared("usage_open", opening.bot_id, opening.request_id, opening.channel);
        if (opening.is_command) {
            EventRecord event;
            event.bot_id = opening.bot_id;
            event.request_id = opening.request_id;
            event.event_type = "command_submitted";
            event.channel = opening.channel;
            auto space = opening.text.find_first_of(" \n");
            event.detail = opening.text.substr(0, std::min<std::size_t>(space, 64));
            opened.command_event = EventStore::record_in(tx, std::move(event));
        }
        tx.commit();
        return opened;
    });
}

boost::asio::awaitable<std::optional<MessageRecord>> ChatStore::close_request(
    RequestClosing closing) {
    return db_.run([closing = std::move(closing)](pqxx::connection& c) {
        pqxx::work tx(c);
        std::optional<std::string> usage_json;
        if (!closing.usage.is_null()) usage_json = dump_json(closing.usage);
        auto updated = tx.exec_prepared(
            "usage_close", closing.request_id, closing.status, closing.provider, closing.model,
            closing.input_tokens, closing.output_tokens, closing.total_tokens,
            closing.usage_estimated, closing.latency_ms, usage_json, closing.error_detail);
        std::optional<MessageRecord> reply;
        if (updated.affected_rows() > 0 && closing.reply_text) {
            std::optional<std::string> media;
            if (!closing.media.empty()) media = dump_json(closing.media);
            auto row = tx.exec_prepared("message_insert", closing.bot_id, "assistant",
                                        *closing.reply_text, media, closing.request_id,
                                        closing.reply_status, closing.reasoning);
            reply = to_message(row[0]);
            reply->turn_status = closing.status;
        }
        tx.commit();
        return reply;
    });
}

boost::asio::awaitable<MessagePage> ChatStore::list_messages(
    std::string bot_id, std::optional<std::int64_t> before_id, int limit) {
    return db_.run([bot_id = std::move(bot_id), before_id, limit](
                                   pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        // One extra row tells whether an older page exists.
        auto rows = tx.exec_prepared("message_page", bot_id, before_id, limit + 1);
        MessagePage page;
        page.has_more = static_cast<int>(rows.size()) > limit;
        int count = std::min<int>(limit, static_cast<int>(rows.size()));
        for (int i = count - 1; i >= 0; --i) page.messages.push_back(to_message_with_turn(rows[i]));
        return page;
    });
}

boost::asio::awaitable<FeedbackOutcome> ChatStore::set_feedback(
    std::int64_t message_id, std::optional<std::string> feedback,
    std::optional<std::string> only_bot) {
    return db_.run([message_id, feedback = std::move(feedback),
                    only_bot = std::move(only_bot)](pqxx::connection& c) {
        pqxx::work tx(c);
        FeedbackOutcome outcome;
        auto role = tx.exec_prepared("message_role", message_id);
        if (role.empty()) return outcome;
        if (only_bot && role[0][1].as<std::string>() != *only_bot) return outcome;
        if (role[0][0].as<std::string>() != "assistant") {
            outcome.result = FeedbackResult::kNotAnAnswer;
            return outcome;
        }
        auto rows = tx.exec_prepared("message_set_feedback", message_id, feedback);
        tx.commit();
        outcome.result = FeedbackResult::kStored;
        if (!rows.empty()) outcome.message = to_message_with_turn(rows[0]);
        return outcome;
    });
}

boost::asio::awaitable<std::vector<MessageRecord>> ChatStore::messages_after(
    std::string bot_id, std::int64_t after_id, int page_size) {
    return db_.run([bot_id = std::move(bot_id), after_id, page_size](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<MessageRecord> messages;
        for (const auto& row : tx.exec_prepared("message_after", bot_id, after_id, page_size)) {
            messages.push_back(to_message_with_turn(row));
        }
        return messages;
    });
}

boost::asio::awaitable<std::vector<std::string>> ChatStore::interrupt_running(
    std::string bot_id, std::string detail) {
    return db_.run([bot_id = std::move(bot_id), detail = std::move(detail)](
                                   pqxx::connection& c) {
        pqxx::work tx(c);
        std::vector<std::string> ids;
        for (const auto& row : tx.exec_prepared("usage_interrupt_running", bot_id, detail)) {
            ids.push_back(row[0].as<std::string>());
        }
        tx.commit();
        return ids;
    });
}

}  // namespace nbdash::db
