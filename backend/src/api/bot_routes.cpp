#include "api/api_context.hpp"
#include "api/sign_in.hpp"
#include "auth/password_hash.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
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


// The argon2id hash of a new share password, or nullopt to clear it ("" or null).
awaitable<std::optional<std::string>> access_password_hash(ApiContext& api, const Json& body) {
    std::optional<std::string> password = optional_string(body, "access_password");
    if (!password || password->empty()) co_return std::nullopt;
    require_acceptable_password(*password, "access_password");
    std::string hash = co_await api.blocking.run([&password] {
        return auth::hash_password(*password);
    });
    co_return hash;
}

awaitable<http::Response> create_bot(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_object(ctx);
    refuse_unknown_fields(body, {"id", "name", "image_tag", "access_password", "template_bot_id"});
    bots::CreateBot request;
    request.id = required_string(body, "id");
    request.name = optional_string(body, "name").value_or("");
    request.image_tag = optional_string(body, "image_tag");
    request.template_bot_id = optional_string(body, "template_bot_id");
    // Hashed before the bot exists, so a refused password leaves nothing behind.
    auto hash = co_await access_password_hash(api, body);
    std::string id = request.id;
    auto bot = co_await api.bots.create(std::move(request));
    if (hash) {
        co_await api.credentials->set_bot_access_hash(id, hash);
        bot.has_access_password = true;
    }
    co_return http::json_response(ctx, 201, api.bots.bot_json(bot));
}

// PATCH: name and share password. A new or cleared password ends the bot's share sessions.
awaitable<http::Response> update_bot(ApiContext& api, http::RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    Json body = parse_object(ctx);
    refuse_unknown_fields(body, {"name", "access_password"});
    if (!is_valid_bot_id(id)) throw NotFound("bot_not_found", "no bot with this id");
    std::optional<std::string> name;
    if (auto given = optional_string(body, "name")) name = checked_bot_name(*given);
    bool password_given = body.contains("access_password");
    auto hash = co_await access_password_hash(api, body);

    auto bot = co_await api.bot_store.find(id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + id + "'");
    if (name) {
        bot = co_await api.bot_store.rename(id, *name);
        if (!bot) throw NotFound("bot_not_found", "no bot with id '" + id + "'");
    }
    if (password_given) {
        bool found = co_await api.credentials->set_bot_access_hash(id, hash);
        if (!found) throw NotFound("bot_not_found", "no bot with id '" + id + "'");
        api.sessions.revoke_bot(id);
        bot->has_access_password = hash.has_value();
        log::info(hash ? "bot share password set; its share sessions ended"
                       : "bot share password cleared; its share sessions ended",
                  {log::kv("request_id", ctx.request_id), log::kv("bot_id", id)});
    }
    co_return http::json_response(ctx, 200, api.bots.bot_json(*bot));
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

    router.add(http::Verb::patch, "/api/bots/{id}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return update_bot(api, ctx); }, 16 * 1024);

    router.add(http::Verb::get, "/api/bots/{id}", http::Access::kAdmin,
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
        api.sessions.revoke_bot(ctx.param("id"));
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
