#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

awaitable<http::Response> send_message(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    for (const auto& [key, value] : body.items()) {
        if (key != "text") throw ClientError("unknown_field", "unknown field \"" + key + "\"");
    }
    std::string text = required_string(body, "text");
    auto sent = co_await api.bots.send_message(ctx.param("id"), std::move(text));
    co_return http::json_response(ctx, 202, {{"message_id", sent.message_id},
                                             {"request_id", sent.request_id}});
}

awaitable<http::Response> list_messages(ApiContext& api, http::RequestContext& ctx) {
    const std::string& bot_id = ctx.param("id");
    auto before_id = http::query_int(ctx, "before_id", 1, INT64_MAX);
    auto page_size = api.settings.get_int("chat.history_page_size", 50);
    int limit = static_cast<int>(http::query_int(ctx, "limit", 1, 500).value_or(page_size));
    if (!is_valid_bot_id(bot_id) || !co_await api.bot_store.find(bot_id)) {
        throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");
    }
    auto page = co_await api.chat.list_messages(bot_id, before_id, limit);
    Json messages = Json::array();
    for (const auto& message : page.messages) messages.push_back(db::to_json(message));
    co_return http::json_response(ctx, 200, {{"messages", messages}, {"has_more", page.has_more}});
}

}  // namespace

void register_chat_routes(http::Router& router, ApiContext& api) {
    // The body limit leaves room for JSON escaping of a maximal message.
    router.add(http::Verb::post, "/api/bots/{id}/messages", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return send_message(api, ctx); }, 512 * 1024);
    router.add(http::Verb::get, "/api/bots/{id}/messages", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return list_messages(api, ctx); });
}

}  // namespace nbdash::api
