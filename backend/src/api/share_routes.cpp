// Shared bots: whoever holds a bot's access password gets a session confined to chatting with
// that one bot (the router refuses a share session everything outside its bot).
#include "api/api_context.hpp"
#include "api/sign_in.hpp"
#include "auth/password_hash.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

// Unknown bot, bot without a password and wrong password all get this one answer, so the page
// tells a stranger nothing about which bots exist.
[[noreturn]] void refuse_share_login() {
    throw ApiError(401, "invalid_credentials", "wrong password");
}

awaitable<http::Response> share_login(ApiContext& api, http::RequestContext& ctx) {
    const std::string& bot_id = ctx.param("id");
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    std::string password = required_string(body, "password");
    // An id that cannot name a bot is not worth a throttle entry of its own.
    std::string account = "share:" + (is_valid_bot_id(bot_id) ? bot_id : std::string("?"));

    refuse_if_throttled(api, ctx, account);
    std::optional<std::string> hash;
    if (is_valid_bot_id(bot_id)) hash = co_await api.credentials->bot_access_hash(bot_id);
    bool ok = false;
    if (hash) {
        ok = co_await api.blocking.run([&hash, &password] {
            return auth::verify_password(*hash, password);
        });
    }
    if (!ok) {
        record_failed_sign_in(api, ctx, account);
        log::warn("share sign-in refused", {log::kv("request_id", ctx.request_id),
                                            log::kv("bot_id", is_valid_bot_id(bot_id) ? bot_id
                                                                                      : "?"),
                                            log::kv("client", client_address(api, ctx))});
        refuse_share_login();
    }
    record_sign_in(api, ctx, account);
    auto created = api.sessions.create(auth::Role::kShare, bot_id, session_limits(api.settings));
    log::info("share session started", {log::kv("request_id", ctx.request_id),
                                        log::kv("bot_id", bot_id),
                                        log::kv("client", client_address(api, ctx))});
    co_return session_started(api, ctx, created);
}

awaitable<http::Response> share_summary(ApiContext& api, http::RequestContext& ctx) {
    const std::string& bot_id = ctx.param("id");
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await api.bot_store.find(bot_id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");
    co_return http::json_response(ctx, 200, {{"id", bot->id},
                                             {"name", bot->name},
                                             {"current_state", bot->current_state}});
}

}  // namespace

void register_share_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::post, "/api/share/{id}/login", http::Access::kPublic,
               [&api](http::RequestContext& ctx) { return share_login(api, ctx); }, 4096);
    router.add(http::Verb::get, "/api/share/{id}", http::Access::kAdminOrShare,
               [&api](http::RequestContext& ctx) { return share_summary(api, ctx); });
}

}  // namespace nbdash::api
