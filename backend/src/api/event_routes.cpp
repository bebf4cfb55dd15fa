#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

void register_event_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/events", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
        db::EventQuery query;
        query.bot_id = ctx.query_value("bot_id");
        query.event_type = ctx.query_value("type");
        query.before_id = http::query_int(ctx, "before_id", 1, INT64_MAX);
        query.limit = static_cast<int>(http::query_int(ctx, "limit", 1, 500).value_or(50));
        Json list = Json::array();
        for (const auto& event : co_await api.events.list(query)) list.push_back(db::to_json(event));
        co_return http::json_response(ctx, 200, {{"events", list}});
    });
}

}  // namespace nbdash::api
