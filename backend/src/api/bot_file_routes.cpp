// Routes for a bot's persona files, env.json and the revisions of its files.
#include "api/api_context.hpp"
#include "api/file_route_helpers.hpp"
#include "common/errors.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

// A persona file body is at most bots.max_persona_file_bytes (4 MiB at most) of content,
// which JSON escaping can grow up to sixfold in the worst case.
constexpr std::size_t kFileBodyLimit = 8 * 1024 * 1024;

}  // namespace

void register_bot_file_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/bots/{id}/files", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = co_await api.bot_config->list_files(ctx.param("id"));
        co_return http::json_response(ctx, 200, body);
    });

    router.add(http::Verb::get, "/api/bots/{id}/files/{name}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = co_await api.bot_config->get_file(ctx.param("id"), ctx.param("name"));
        co_return with_etag(http::json_response(ctx, 200, body), body);
    });

    router.add(http::Verb::put, "/api/bots/{id}/files/{name}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        std::string if_match = required_if_match(ctx);
        Json body = parse_body_object(ctx);
        for (const auto& [key, value] : body.items()) {
            if (key != "content") throw ClientError("unknown_field", "unknown field \"" + key + "\"");
        }
        std::string content = required_string(body, "content");
        Json result = co_await api.bot_config->put_file(ctx.param("id"), ctx.param("name"),
                                                        if_match, std::move(content), kActor);
        co_return with_etag(http::json_response(ctx, 200, result), result);
    }, kFileBodyLimit);

    router.add(http::Verb::get, "/api/bots/{id}/env", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = co_await api.bot_config->get_env(ctx.param("id"));
        co_return with_etag(http::json_response(ctx, 200, body), body);
    });

    router.add(http::Verb::put, "/api/bots/{id}/env", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        std::string if_match = required_if_match(ctx);
        Json body = parse_body_object(ctx);
        Json result = co_await api.bot_config->put_env(ctx.param("id"), if_match, body, kActor);
        co_return with_etag(http::json_response(ctx, 200, result), result);
    }, 1024 * 1024);

    router.add(http::Verb::get, "/api/bots/{id}/revisions", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto file = ctx.query_value("file");
        auto limit = http::query_int(ctx, "limit", 1, 200).value_or(50);
        Json body = co_await api.bot_config->list_revisions(ctx.param("id"), file,
                                                            static_cast<int>(limit));
        co_return http::json_response(ctx, 200, body);
    });

    router.add(http::Verb::get, "/api/bots/{id}/revisions/{rev}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto revision = http::path_int(ctx, "rev");
        Json body = co_await api.bot_config->get_revision(ctx.param("id"), revision);
        co_return http::json_response(ctx, 200, body);
    });

    router.add(http::Verb::post, "/api/bots/{id}/revisions/{rev}/restore", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto revision = http::path_int(ctx, "rev");
        Json body = co_await api.bot_config->restore_revision(ctx.param("id"), revision,
                                                              optional_if_match(ctx), kActor);
        co_return with_etag(http::json_response(ctx, 200, body), body);
    }, 1024);
}

}  // namespace nbdash::api
