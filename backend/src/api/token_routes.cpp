// API tokens for scripts: created (shown once), listed, revoked. Managing tokens needs a
// signed-in session, so a leaked token cannot mint more of itself.
#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

constexpr const char* kTokenPrefix = "nbt_";
constexpr std::size_t kShownPrefixLength = 12;

Json token_json(const db::ApiTokenRecord& token) {
    return {{"id", token.id},
            {"name", token.name},
            {"prefix", token.prefix},
            {"created_at", token.created_at},
            {"last_used_at", token.last_used_at ? Json(*token.last_used_at) : Json()}};
}

void require_session(const http::RequestContext& ctx) {
    if (ctx.session->via_api_token) {
        throw ApiError(403, "session_required", "managing API tokens needs a signed-in session");
    }
}

std::string checked_token_name(const Json& body) {
    for (const auto& [key, value] : body.items()) {
        if (key != "name") throw ClientError("unknown_field", "unknown field \"" + key + "\"");
    }
    std::string name = required_string(body, "name");
    bool control = false;
    for (unsigned char c : name) control = control || c < 0x20 || c == 0x7f;
    if (name.empty() || name.size() > 64 || control) {
        throw ClientError("invalid_name", "name must have 1 to 64 bytes and no control characters");
    }
    return name;
}

awaitable<http::Response> create_token(ApiContext& api, http::RequestContext& ctx) {
    require_session(ctx);
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    std::string name = checked_token_name(body);
    std::string token = kTokenPrefix + random_hex(24);
    auto record = co_await api.credentials->insert_token(name, token_digest(token),
                                                        token.substr(0, kShownPrefixLength));
    log::info("API token created", {log::kv("request_id", ctx.request_id),
                                    log::kv("token_id", record.id),
                                    log::kv("prefix", record.prefix)});
    Json answer = token_json(record);
    answer["token"] = token;
    co_return http::json_response(ctx, 201, answer);
}

}  // namespace

void register_token_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/tokens", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        require_session(ctx);
        Json list = Json::array();
        for (const auto& token : co_await api.credentials->list_tokens()) {
            list.push_back(token_json(token));
        }
        co_return http::json_response(ctx, 200, {{"tokens", list}});
    });

    router.add(http::Verb::post, "/api/tokens", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return create_token(api, ctx); }, 4096);

    router.add(http::Verb::delete_, "/api/tokens/{id}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        require_session(ctx);
        auto id = http::path_int(ctx, "id");
        bool removed = co_await api.credentials->remove_token(id);
        if (!removed) throw NotFound("token_not_found", "no API token with this id");
        log::info("API token revoked", {log::kv("request_id", ctx.request_id),
                                        log::kv("token_id", id)});
        co_return http::no_content(ctx);
    }, 1024);
}

// Resolves a bearer token to an admin session for one request.
boost::asio::awaitable<std::optional<auth::Session>> session_for_token(ApiContext& api,
                                                                     std::string token) {
    if (!token.starts_with(kTokenPrefix) || token.size() > 128) co_return std::nullopt;
    auto record = co_await api.credentials->use_token(token_digest(token));
    if (!record) co_return std::nullopt;
    auth::Session session;
    session.role = auth::Role::kAdmin;
    session.via_api_token = true;
    co_return session;
}

}  // namespace nbdash::api
