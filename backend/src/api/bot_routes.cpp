#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

constexpr int kDefaultLogTail = 200;
constexpr int kMaxLogTail = 5000;

Json parse_object(const http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    return body;
}

void refuse_unknown_fields(const Json& body, std::initializer_list<const char*> known) {
    for (const auto& [key, value] : body.items()) {
        bool listed = false;
        for (const char* name : known) listed = listed || key == name;
        if (!listed) throw ClientError("unknown_field", "unknown field \"" + key + "\"");
    }
}

awaitable<http::Response> create_bot(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_object(ctx);
    refuse_unknown_fields(body, {"id", "name", "image_tag"});
    bots::CreateBot request;
    request.id = required_string(body, "id");
    request.name = optional_string(body, "name").value_or("");
    request.image_tag = optional_string(body, "image_tag");
    auto bot = co_await api.bots.create(std::move(request));
    co_return http::json_response(ctx, 201, api.bots.bot_json(bot));
}

}  // namespace

void register_bot_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/bots", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json list = Json::array();
        auto bots = co_await api.bot_store.list();
        // Stats come from the monitor's cache: listing the fleet asks the runtime nothing.
        for (const auto& bot : bots) list.push_back(api.bots.bot_json(bot));
        co_return http::json_response(ctx, 200, {{"bots", list}});
    });

    router.add(http::Verb::post, "/api/bots", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return create_bot(api, ctx); }, 16 * 1024);

    router.add(http::Verb::get, "/api/bots/{id}", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto bot = co_await api.bot_store.find(ctx.param("id"));
        if (!bot) throw NotFound("bot_not_found", "no bot with id '" + ctx.param("id") + "'");
        co_return http::json_response(ctx, 200, api.bots.bot_json(*bot));
    });

    router.add(http::Verb::delete_, "/api/bots/{id}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto purge = ctx.query_value("purge");
        if (purge && *purge != "true" && *purge != "false") {
            throw ClientError("invalid_query", "purge must be true or false");
        }
        co_await api.bots.remove(ctx.param("id"), purge == "true");
        co_return http::no_content(ctx);
    }, 1024);

    router.add(http::Verb::post, "/api/bots/{id}/start", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto bot = co_await api.bots.start(ctx.param("id"));
        co_return http::json_response(ctx, 202, api.bots.bot_json(bot));
    }, 1024);

    router.add(http::Verb::post, "/api/bots/{id}/stop", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto bot = co_await api.bots.stop(ctx.param("id"));
        co_return http::json_response(ctx, 202, api.bots.bot_json(bot));
    }, 1024);

    router.add(http::Verb::get, "/api/bots/{id}/logs", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        int tail = static_cast<int>(
            http::query_int(ctx, "tail", 1, kMaxLogTail).value_or(kDefaultLogTail));
        auto lines = co_await api.bots.logs(ctx.param("id"), tail);
        Json list = Json::array();
        for (const auto& line : lines) list.push_back(runtime::to_json(line));
        co_return http::json_response(ctx, 200, {{"lines", list}});
    });

    router.add(http::Verb::post, "/api/bots/{id}/restart", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto bot = co_await api.bots.restart(ctx.param("id"));
        co_return http::json_response(ctx, 202, api.bots.bot_json(bot));
    }, 1024);
}

}  // namespace nbdash::api
