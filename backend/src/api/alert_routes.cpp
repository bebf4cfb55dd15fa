// GET /api/alerts: alert episodes, newest first (docs/api.md, "Alerts").
#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "db/alert_store.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

constexpr int kDefaultAlertPage = 50;
constexpr int kMaxAlertPage = 500;

}  // namespace

void register_alert_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/alerts", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
        std::string state = ctx.query_value("state").value_or("open");
        if (state.empty()) state = "open";
        if (state != "open" && state != "all") {
            throw ClientError("invalid_parameter",
                              "query parameter \"state\" must be open or all");
        }
        int limit = static_cast<int>(
            http::query_int(ctx, "limit", 1, kMaxAlertPage).value_or(kDefaultAlertPage));

        auto alerts = co_await api.alert_store->list(state == "all", limit);
        auto open_count = co_await api.alert_store->open_count();
        Json list = Json::array();
        for (const auto& alert : alerts) list.push_back(db::to_json(alert));
        Json body = {{"alerts", list}, {"open_count", open_count}};
        co_return http::json_response(ctx, 200, body);
    });
}

}  // namespace nbdash::api
