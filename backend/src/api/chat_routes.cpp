#include "api/api_context.hpp"
#include "channel/attachments.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"
#include "realtime/hub.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

// The parsed body of a send: its text (empty when left out beside attachments) and its files.
struct OutgoingMessage {
    std::string text;
    std::vector<channel::Attachment> attachments;
};

OutgoingMessage parse_outgoing(const std::string& raw, std::size_t max_file_bytes) {
    Json body = parse_request_json(raw);
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    for (const auto& [key, value] : body.items()) {
        if (key != "text" && key != "attachments") {
            throw ClientError("unknown_field", "unknown field \"" + key + "\"");
        }
    }
    OutgoingMessage out;
    out.attachments = channel::parse_attachments(body.value("attachments", Json()), max_file_bytes);
    // With files attached the text may be left out (nanobot accepts media without content).
    if (out.attachments.empty() || body.contains("text")) out.text = required_string(body, "text");
    return out;
}

std::size_t byte_setting(ApiContext& api, const char* key, std::int64_t fallback) {
    return static_cast<std::size_t>(std::max<std::int64_t>(api.settings.get_int(key, fallback), 0));
}

std::size_t upload_max_bytes(ApiContext& api) {
    return byte_setting(api, "chat.upload_max_bytes", 6 * 1024 * 1024);
}

// Asked for each send once its header is in: settings read from the in-memory cache, so a
// changed limit applies to the next request.
http::BodyLimit send_body_limit(ApiContext& api) {
    return {[&api] {
                return channel::max_message_body_bytes(
                    byte_setting(api, "chat.max_message_bytes", 65536), upload_max_bytes(api));
            },
            "set by the settings chat.max_message_bytes and chat.upload_max_bytes"};
}

awaitable<http::Response> send_message(ApiContext& api, http::RequestContext& ctx) {
    std::size_t max_file = upload_max_bytes(api);
    // A body with attachments is tens of MiB of JSON and base64: parsed off the network threads.
    const std::string& raw = ctx.request.body();
    auto message = co_await api.blocking.run([&raw, max_file] { return parse_outgoing(raw, max_file); });
    auto sent = co_await api.bots.send_message(ctx.param("id"), std::move(message.text),
                                               std::move(message.attachments));
    co_return http::json_response(ctx, 202, {{"message_id", sent.message_id},
                                             {"request_id", sent.request_id}});
}

awaitable<http::Response> list_messages(ApiContext& api, http::RequestContext& ctx) {
    const std::string& bot_id = ctx.param("id");
    auto before_id = http::query_int(ctx, "before_id", 1, INT64_MAX);
    auto page_size = api.settings.get_int("chat.history_page_size", 50);
    int limit = static_cast<int>(http::query_int(ctx, "limit", 1, 500).value_or(page_size));
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await api.bot_store.find(bot_id);
    if (!bot) {
        throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");
    }
    auto page = co_await api.chat.list_messages(bot_id, before_id, limit);
    Json messages = Json::array();
    for (const auto& message : page.messages) messages.push_back(db::to_json(message));
    co_return http::json_response(ctx, 200, {{"messages", messages}, {"has_more", page.has_more}});
}

// {"feedback":…} for message_param; with bot_param set, the message must be that bot's.
awaitable<http::Response> set_feedback(ApiContext& api, http::RequestContext& ctx,
                                       std::string message_param, std::string bot_param) {
    auto message_id = http::path_int(ctx, message_param);
    std::optional<std::string> only_bot;
    if (!bot_param.empty()) only_bot = ctx.param(bot_param);
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object() || !body.contains("feedback")) {
        throw ClientError("missing_field", "field \"feedback\" is required (up, down or null)");
    }
    std::optional<std::string> feedback = optional_string(body, "feedback");
    if (feedback && *feedback != "up" && *feedback != "down") {
        throw ClientError("invalid_field", "feedback must be up, down or null");
    }
    auto outcome = co_await api.chat.set_feedback(message_id, feedback, only_bot);
    if (outcome.result == db::FeedbackResult::kNotFound) {
        throw NotFound("message_not_found", "no message with this id");
    }
    if (outcome.result == db::FeedbackResult::kNotAnAnswer || !outcome.message) {
        throw ClientError("not_an_answer", "only the bot's answers can be rated");
    }
    Json message = db::to_json(*outcome.message);
    api.hub.publish(realtime::Hub::bot_topic(outcome.message->bot_id),
                    {{"type", "chat_feedback"}, {"bot_id", outcome.message->bot_id},
                     {"message", message}});
    co_return http::json_response(ctx, 200, message);
}

std::string markdown_line(const db::MessageRecord& message) {
    std::string who = message.role == "user" ? "**You**" : message.role == "assistant"
                                                                ? "**Bot**"
                                                                : "**System**";
    std::string text = who + " · " + message.created_at + "\n\n" + message.text + "\n";
    if (message.status != "complete") text += "\n_(" + message.status + ")_\n";
    return text + "\n---\n\n";
}

// The whole dashboard conversation of a bot as Markdown or JSON Lines, read in pages.
awaitable<http::Response> export_messages(ApiContext& api, http::RequestContext& ctx) {
    static constexpr int kPage = 500;
    static constexpr std::size_t kMaxMessages = 20000;
    const std::string& bot_id = ctx.param("id");
    std::string format = ctx.query_value("format").value_or("markdown");
    if (format != "markdown" && format != "jsonl") {
        throw ClientError("invalid_query", "format must be markdown or jsonl");
    }
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await api.bot_store.find(bot_id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");

    std::string out = format == "markdown" ? "# Conversation with " + bot->name + "\n\n" : "";
    std::int64_t after = 0;
    std::size_t count = 0;
    while (count < kMaxMessages) {
        auto page = co_await api.chat.messages_after(bot_id, after, kPage);
        for (const auto& message : page) {
            out += format == "markdown" ? markdown_line(message)
                                        : dump_json(db::to_json(message)) + "\n";
            after = message.id;
        }
        count += page.size();
        if (static_cast<int>(page.size()) < kPage) break;
    }
    auto response = http::json_response(ctx, 200, Json::object());
    response.body() = std::move(out);
    response.set(boost::beast::http::field::content_type,
                 format == "markdown" ? "text/markdown; charset=utf-8"
                                      : "application/x-ndjson; charset=utf-8");
    response.set(boost::beast::http::field::content_disposition,
                 "attachment; filename=\"" + bot_id + (format == "markdown" ? ".md" : ".jsonl") +
                     "\"");
    response.prepare_payload();
    co_return response;
}

}  // namespace

void register_chat_routes(http::Router& router, ApiContext& api) {
    // The body limit follows the text and upload settings; the per-file setting is checked
    // again on the decoded sizes.
    router.add(http::Verb::post, "/api/bots/{id}/messages", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return send_message(api, ctx); },
               send_body_limit(api));
    router.add(http::Verb::get, "/api/bots/{id}/messages", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return list_messages(api, ctx); });
    router.add(http::Verb::get, "/api/bots/{id}/messages/export", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return export_messages(api, ctx); });
    router.add(http::Verb::put, "/api/messages/{id}/feedback", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return set_feedback(api, ctx, "id", ""); },
               1024);
    // The same for a share session, which may rate only its own bot's answers.
    router.add(http::Verb::put, "/api/bots/{id}/messages/{message_id}/feedback",
               http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) {
                   return set_feedback(api, ctx, "message_id", "id");
               },
               1024);
}

}  // namespace nbdash::api
