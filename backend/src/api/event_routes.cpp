// GET /api/events: the event log, filtered and paged newest first (docs/api.md, "Event log").
#include "api/api_context.hpp"
#include "api/event_query.hpp"
#include "common/errors.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

void register_event_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/events", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
        db::EventQuery query = parse_event_query(ctx.query);
        const int page = query.limit;
        // One row past the page tells whether another page follows.
        query.limit = page + 1;
        auto events = co_await api.events.list(query);

        bool has_more = static_cast<int>(events.size()) > page;
        if (has_more) events.resize(static_cast<std::size_t>(page));
        Json list = Json::array();
        for (const auto& event : events) list.push_back(db::to_json(event));
        Json next = has_more ? Json(events.back().id) : Json();
        Json body = {{"events", list}, {"has_more", has_more}, {"next_before_id", next}};
        co_return http::json_response(ctx, 200, body);
    });
}

}  // namespace nbdash::api
