#include "api/sign_in.hpp"

#include <boost/beast/http/field.hpp>

#include "common/errors.hpp"
#include "http/responses.hpp"
#include "http/server.hpp"

namespace nbdash::api {

namespace {

std::chrono::seconds login_window(const Settings& settings) {
    return std::chrono::seconds(std::max<std::int64_t>(
        1, settings.get_int("auth.login_window_seconds", 300)));
}

bool from_trusted_proxy(const ApiContext& api, const http::RequestContext& ctx) {
    std::string proxy = api.settings.get_string("http.trusted_proxy", "");
    return !proxy.empty() && proxy == ctx.client_address;
}

std::string trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

}  // namespace

std::string client_address(const ApiContext& api, const http::RequestContext& ctx) {
    if (!from_trusted_proxy(api, ctx)) return ctx.client_address;
    auto forwarded = ctx.request["X-Forwarded-For"];
    std::string_view list(forwarded.data(), forwarded.size());
    std::string first = trim(list.substr(0, list.find(',')));
    // Only an address-like value is believed; anything else is the proxy's own fault.
    bool plausible = !first.empty() && first.size() <= 45 &&
                     first.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
    return plausible ? first : ctx.client_address;
}

bool behind_tls(const ApiContext& api, const http::RequestContext& ctx) {
    if (api.secure_cookies) return true;
    if (!from_trusted_proxy(api, ctx)) return false;
    auto proto = ctx.request["X-Forwarded-Proto"];
    return std::string_view(proto.data(), proto.size()) == "https";
}

void refuse_if_throttled(ApiContext& api, const http::RequestContext& ctx,
                         const std::string& account) {
    int per_address = static_cast<int>(api.settings.get_int("auth.login_max_attempts", 5));
    int per_account =
        static_cast<int>(api.settings.get_int("auth.login_account_max_attempts", 20));
    auto wait = std::max(api.throttle.wait_needed("address:" + client_address(api, ctx),
                                                  per_address),
                         api.throttle.wait_needed("account:" + account, per_account));
    if (wait.count() > 0) {
        throw TooManyRequests("too_many_attempts",
                              "too many failed sign-ins; wait " +
                                  std::to_string(wait.count()) + " seconds and try again",
                              static_cast<int>(wait.count()));
    }
}

void record_failed_sign_in(ApiContext& api, const http::RequestContext& ctx,
                           const std::string& account) {
    auto window = login_window(api.settings);
    api.throttle.record_failure("address:" + client_address(api, ctx), window);
    api.throttle.record_failure("account:" + account, window);
}

void record_sign_in(ApiContext& api, const http::RequestContext& ctx, const std::string& account) {
    api.throttle.record_success("address:" + client_address(api, ctx));
    api.throttle.record_success("account:" + account);
}

void require_acceptable_password(const std::string& password, const std::string& field) {
    if (password.size() < 8 || password.size() > 256) {
        throw ClientError("weak_password", field + " must have 8 to 256 bytes");
    }
}

auth::SessionLimits session_limits(const Settings& settings) {
    auth::SessionLimits limits;
    limits.lifetime = std::chrono::hours(
        std::max<std::int64_t>(1, settings.get_int("auth.session_ttl_hours", 24)));
    limits.idle = std::chrono::minutes(
        std::max<std::int64_t>(1, settings.get_int("auth.session_idle_minutes", 120)));
    return limits;
}

std::string session_cookie_header(const std::string& token, std::chrono::seconds max_age,
                                  bool secure) {
    std::string cookie = std::string(http::kSessionCookieName) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(max_age.count());
    if (secure) cookie += "; Secure";
    return cookie;
}

http::Response session_started(const ApiContext& api, const http::RequestContext& ctx,
                               const auth::NewSession& created) {
    Json body = {{"csrf_token", created.session.csrf_token}};
    if (created.session.role == auth::Role::kAdmin) {
        body["role"] = "admin";
    } else {
        body["role"] = "share";
        body["bot_id"] = created.session.bot_id;
    }
    auto response = http::json_response(ctx, 200, body);
    response.set(boost::beast::http::field::set_cookie,
                 session_cookie_header(created.token, session_limits(api.settings).lifetime,
                                       behind_tls(api, ctx)));
    return response;
}

}  // namespace nbdash::api
