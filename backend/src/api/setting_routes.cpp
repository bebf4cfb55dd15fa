// Routes for the platform settings (sys_setting).
#include "api/api_context.hpp"
#include "api/file_route_helpers.hpp"
#include "common/errors.hpp"
#include "common/log.hpp"
#include "http/responses.hpp"
#include "settings/setting_rules.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

}  // namespace

void register_setting_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/settings", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto settings = co_await api.setting_store->load_all();
        // Categories by name, settings by sort_order then key.
        std::map<std::string, std::vector<const db::SettingRecord*>> grouped;
        for (const auto& [key, setting] : settings) {
            if (!is_hidden_setting(key)) grouped[setting.category].push_back(&setting);
        }
        Json categories = Json::array();
        for (auto& [category, list] : grouped) {
            std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
                return std::tie(a->sort_order, a->key) < std::tie(b->sort_order, b->key);
            });
            Json items = Json::array();
            for (const auto* setting : list) items.push_back(setting_json(*setting));
            categories.push_back({{"category", category}, {"settings", items}});
        }
        co_return http::json_response(ctx, 200, {{"categories", categories}});
    });

    router.add(http::Verb::get, "/api/settings/public", http::Access::kPublic,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto settings = co_await api.setting_store->load_all();
        Json values = Json::object();
        for (const auto& [key, setting] : settings) {
            if (setting.is_public && !is_hidden_setting(key)) values[key] = setting.value;
        }
        co_return http::json_response(ctx, 200, {{"settings", values}});
    });

    router.add(http::Verb::put, "/api/settings/{key}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        const std::string key = ctx.param("key");
        Json body = parse_body_object(ctx);
        if (!body.contains("value") || body.size() != 1) {
            throw ClientError("invalid_json", "expected {\"value\": ...}");
        }
        auto settings = co_await api.setting_store->load_all();
        auto it = settings.find(key);
        if (it == settings.end() || is_hidden_setting(key)) {
            throw NotFound("setting_not_found", "no setting '" + key + "'");
        }
        check_setting_value(it->second, body["value"]);
        auto stored = co_await api.setting_store->update_value(key, body["value"]);
        if (!stored) throw NotFound("setting_not_found", "no setting '" + key + "'");
        co_await api.settings.reload();
        log::info("setting changed", {log::kv("key", key)});
        co_return http::json_response(ctx, 200, setting_json(*stored));
    }, 256 * 1024);
}

}  // namespace nbdash::api
