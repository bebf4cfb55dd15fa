#include <boost/beast/http/field.hpp>

#include "api/api_context.hpp"
#include "api/sign_in.hpp"
#include "auth/password_hash.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"
#include "http/server.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

constexpr const char* kAdminAccount = "admin";

const char* role_name(auth::Role role) { return role == auth::Role::kAdmin ? "admin" : "share"; }

awaitable<bool> admin_password_matches(ApiContext& api, const std::string& password) {
    std::string hash = api.settings.get_string(kAdminPasswordHashKey, "");
    if (hash.empty()) co_return false;
    bool ok = co_await api.blocking.run([&hash, &password] {
        return auth::verify_password(hash, password);
    });
    co_return ok;
}

awaitable<http::Response> login(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    std::string password = required_string(body, "password");

    refuse_if_throttled(api, ctx, kAdminAccount);
    bool ok = co_await admin_password_matches(api, password);
    if (!ok) {
        record_failed_sign_in(api, ctx, kAdminAccount);
        log::warn("sign-in refused", {log::kv("request_id", ctx.request_id),
                                      log::kv("client", client_address(api, ctx))});
        throw ApiError(401, "invalid_credentials", "wrong password");
    }
    record_sign_in(api, ctx, kAdminAccount);

    auto created = api.sessions.create(auth::Role::kAdmin, "", session_limits(api.settings));
    log::info("admin signed in", {log::kv("request_id", ctx.request_id),
                                  log::kv("client", client_address(api, ctx))});
    co_return session_started(api, ctx, created);
}

// Replaces the admin password; every admin session ends, the caller continues in a new one (a
// new token, so a stolen copy of the old cookie is worthless).
awaitable<http::Response> change_password(ApiContext& api, http::RequestContext& ctx) {
    if (ctx.session->via_api_token) {
        throw ApiError(403, "session_required", "changing the password needs a signed-in session");
    }
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    for (const auto& [key, value] : body.items()) {
        if (key != "current_password" && key != "new_password") {
            throw ClientError("unknown_field", "unknown field \"" + key + "\"");
        }
    }
    std::string current = required_string(body, "current_password");
    std::string replacement = required_string(body, "new_password");
    require_acceptable_password(replacement, "new_password");
    if (replacement == current) {
        throw ClientError("weak_password", "new_password must differ from the current one");
    }

    refuse_if_throttled(api, ctx, kAdminAccount);
    bool ok = co_await admin_password_matches(api, current);
    if (!ok) {
        record_failed_sign_in(api, ctx, kAdminAccount);
        log::warn("password change refused: wrong current password",
                  {log::kv("request_id", ctx.request_id),
                   log::kv("client", client_address(api, ctx))});
        throw ApiError(403, "invalid_credentials", "the current password is wrong");
    }
    std::string hash = co_await api.blocking.run([&replacement] {
        return auth::hash_password(replacement);
    });
    bool stored = co_await api.credentials->set_admin_password_hash(hash);
    if (!stored) throw ApiError(500, "internal_error", "the admin password row is missing");
    co_await api.settings.reload();
    api.sessions.revoke_admin_except("");
    auto created = api.sessions.create(auth::Role::kAdmin, "", session_limits(api.settings));
    log::info("admin password changed; other sessions ended",
              {log::kv("request_id", ctx.request_id),
               log::kv("client", client_address(api, ctx))});
    co_return session_started(api, ctx, created);
}

}  // namespace

void register_auth_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::post, "/api/auth/login", http::Access::kPublic,
               [&api](http::RequestContext& ctx) { return login(api, ctx); }, 4096);

    router.add(http::Verb::post, "/api/auth/password", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return change_password(api, ctx); }, 4096);

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
        if (ctx.session && !ctx.session->via_api_token) {
            auto header = ctx.request["X-CSRF-Token"];
            if (header.empty() || !secrets_equal(header, ctx.session->csrf_token)) {
                throw ApiError(403, "csrf_required", "missing or wrong X-CSRF-Token header");
            }
            api.sessions.revoke(ctx.session_token);
        }
        auto response = http::no_content(ctx);
        response.set(boost::beast::http::field::set_cookie,
                     session_cookie_header("", std::chrono::seconds(0), behind_tls(api, ctx)));
        co_return response;
    }, 1024);
}

}  // namespace nbdash::api
