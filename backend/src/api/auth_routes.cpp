#include <boost/beast/http/field.hpp>

#include "api/api_context.hpp"
#include "auth/password_hash.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"
#include "http/server.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

const char* role_name(auth::Role role) { return role == auth::Role::kAdmin ? "admin" : "share"; }

std::string session_cookie_header(const std::string& token, std::chrono::seconds max_age,
                                  bool secure) {
    std::string cookie = std::string(http::kSessionCookieName) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(max_age.count());
    if (secure) cookie += "; Secure";
    return cookie;
}

awaitable<http::Response> login(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    std::string password = required_string(body, "password");

    auto window = std::chrono::seconds(api.settings.get_int("auth.login_window_seconds", 300));
    int max_attempts = static_cast<int>(api.settings.get_int("auth.login_max_attempts", 5));
    std::string throttle_key = "admin@" + ctx.client_address;
    if (!api.throttle.allowed(throttle_key, max_attempts, window)) {
        throw ApiError(429, "too_many_attempts",
                       "too many failed sign-ins; wait a few minutes and try again");
    }

    std::string hash = api.settings.get_string(kAdminPasswordHashKey, "");
    bool ok = false;
    if (!hash.empty()) {
        ok = co_await api.blocking.run([&hash, &password] {
            return auth::verify_password(hash, password);
        });
    }
    if (!ok) {
        api.throttle.record_failure(throttle_key, window);
        log::warn("sign-in refused", {log::kv("request_id", ctx.request_id),
                                      log::kv("client", ctx.client_address)});
        throw ApiError(401, "invalid_credentials", "wrong password");
    }
    api.throttle.record_success(throttle_key);

    auto ttl = std::chrono::hours(api.settings.get_int("auth.session_ttl_hours", 24));
    auto created = api.sessions.create(auth::Role::kAdmin, "",
                                       std::chrono::duration_cast<std::chrono::seconds>(ttl));
    log::info("admin signed in", {log::kv("request_id", ctx.request_id),
                                  log::kv("client", ctx.client_address)});
    auto response = http::json_response(ctx, 200, {{"csrf_token", created.session.csrf_token},
                                                   {"role", "admin"}});
    response.set(boost::beast::http::field::set_cookie,
                 session_cookie_header(created.token,
                                       std::chrono::duration_cast<std::chrono::seconds>(ttl),
                                       api.secure_cookies));
    co_return response;
}

}  // namespace

void register_auth_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::post, "/api/auth/login", http::Access::kPublic,
               [&api](http::RequestContext& ctx) { return login(api, ctx); }, 4096);

    router.add(http::Verb::get, "/api/auth/me", http::Access::kPublic,
               [](http::RequestContext& ctx) -> awaitable<http::Response> {
        if (!ctx.session) throw ApiError(401, "unauthenticated", "sign in first");
        Json body = {{"role", role_name(ctx.session->role)},
                     {"csrf_token", ctx.session->csrf_token}};
        if (ctx.session->role == auth::Role::kShare) body["bot_id"] = ctx.session->bot_id;
        co_return http::json_response(ctx, 200, body);
    });

    router.add(http::Verb::post, "/api/auth/logout", http::Access::kPublic,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        if (ctx.session) {
            auto header = ctx.request["X-CSRF-Token"];
            if (header.empty() || !secrets_equal(header, ctx.session->csrf_token)) {
                throw ApiError(403, "csrf_required", "missing or wrong X-CSRF-Token header");
            }
            api.sessions.revoke(ctx.session_token);
        }
        auto response = http::no_content(ctx);
        response.set(boost::beast::http::field::set_cookie,
                     session_cookie_header("", std::chrono::seconds(0), api.secure_cookies));
        co_return response;
    }, 1024);
}

}  // namespace nbdash::api
