// What the admin and share sign-ins have in common: the throttle (per client address and per
// account, 429 with Retry-After), the client address behind a trusted proxy, session limits
// from the settings and the session cookie.
#pragma once

#include <string>

#include "api/api_context.hpp"

namespace nbdash::api {

// The address to throttle and log: the peer, or the first X-Forwarded-For entry when the peer
// is the proxy named by the setting http.trusted_proxy.
std::string client_address(const ApiContext& api, const http::RequestContext& ctx);

// True when the cookie must carry Secure: NBDASH_SECURE_COOKIES, or TLS reported by the trusted
// proxy in X-Forwarded-Proto.
bool behind_tls(const ApiContext& api, const http::RequestContext& ctx);

// Throws TooManyRequests (429, with the seconds to wait) when the client or the account has
// used up its failed attempts. account is "admin" or "share:<bot id>".
void refuse_if_throttled(ApiContext& api, const http::RequestContext& ctx,
                         const std::string& account);
void record_failed_sign_in(ApiContext& api, const http::RequestContext& ctx,
                           const std::string& account);
void record_sign_in(ApiContext& api, const http::RequestContext& ctx, const std::string& account);

// Throws ClientError("weak_password") unless the password has 8 to 256 bytes.
void require_acceptable_password(const std::string& password, const std::string& field);

auth::SessionLimits session_limits(const Settings& settings);

// The Set-Cookie value for a session token (an empty token and zero age clear the cookie).
std::string session_cookie_header(const std::string& token, std::chrono::seconds max_age,
                                  bool secure);

// 200 {"csrf_token","role"[,"bot_id"]} with the new session's cookie.
http::Response session_started(const ApiContext& api, const http::RequestContext& ctx,
                               const auth::NewSession& created);

}  // namespace nbdash::api
