// Routes for a bot's config.json: the whole file and the structured edits operators make most.
#include <regex>

#include "api/api_context.hpp"
#include "api/file_route_helpers.hpp"
#include "botconfig/config_schema.hpp"
#include "botconfig/env_file.hpp"
#include "botconfig/secrets.hpp"
#include "common/errors.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;
using botconfig::ConfigEdit;

const std::regex kSectionName("^[A-Za-z][A-Za-z0-9_]{0,63}$");

std::string section_param(const http::RequestContext& ctx, const char* what) {
    const std::string& name = ctx.param("name");
    if (!std::regex_match(name, kSectionName)) {
        throw NotFound(std::string("unknown_") + what, std::string("no such ") + what);
    }
    return name;
}

// Merges body into section: null removes a key, anything else replaces it.
void merge_fields(Json& section, const Json& body) {
    if (!section.is_object()) section = Json::object();
    for (const auto& [key, value] : body.items()) {
        if (value.is_null()) {
            section.erase(key);
        } else {
            section[key] = value;
        }
    }
}

// Masked secrets sent back keep their stored value; a mask with nothing behind it is refused.
void keep_secrets(Json& config, const Json& before) {
    auto unresolved = botconfig::keep_masked_secrets(config, before);
    if (!unresolved.empty()) {
        throw ClientError("unknown_masked_secret", "a masked value was sent for " +
                                                       unresolved.front() +
                                                       ", which has no stored secret to keep");
    }
}

void only_fields(const Json& body, std::initializer_list<const char*> allowed) {
    for (const auto& [key, value] : body.items()) {
        bool ok = false;
        for (const char* name : allowed) ok = ok || key == name;
        if (!ok) throw ClientError("unknown_field", "unknown field \"" + key + "\"");
    }
}

ConfigEdit model_edit(Json body) {
    only_fields(body, {"model", "provider", "modelPreset", "temperature", "maxTokens",
                       "contextWindowTokens", "reasoningEffort", "fallbackModels"});
    return [body](Json& config, Json&) {
        Json& defaults = config["agents"]["defaults"];
        merge_fields(defaults, body);
        if (body.contains("modelPreset") && body["modelPreset"].is_string()) {
            const std::string preset = body["modelPreset"];
            const Json* presets = nullptr;
            for (const char* key : {"modelPresets", "model_presets"}) {
                if (config.contains(key)) presets = &config[key];
            }
            if (preset != "default" && (!presets || !presets->contains(preset))) {
                throw ClientError("unknown_preset",
                                  "modelPreset \"" + preset + "\" is not defined in modelPresets");
            }
        }
    };
}

ConfigEdit provider_edit(std::string name, Json body) {
    return [name, body](Json& config, Json& env) {
        const Json before = config;
        Json& section = config["providers"][name];
        if (!section.is_object()) section = Json::object();
        for (const auto& [key, value] : body.items()) {
            bool is_key = botconfig::normalized_key(key) == "apikey";
            if (is_key && value.is_string()) {
                const std::string text = value.get<std::string>();
                bool plain = !text.empty() && !botconfig::is_env_reference(text) &&
                             text.find(botconfig::kMask) == std::string::npos;
                if (plain) {
                    // The key itself lives in env.json; config.json only names it.
                    std::string variable = botconfig::provider_key_variable(name);
                    env = botconfig::with_variable(env, {variable, text, true});
                    section[key] = "${" + variable + "}";
                    continue;
                }
            }
            if (value.is_null()) {
                section.erase(key);
            } else {
                section[key] = value;
            }
        }
        keep_secrets(config, before);
        bool has_base = false;
        for (const auto& [key, value] : section.items()) {
            has_base = has_base || (botconfig::normalized_key(key) == "apibase" &&
                                    value.is_string() && !value.get<std::string>().empty());
        }
        if (!botconfig::is_builtin_provider(name) && !has_base) {
            throw ClientError("invalid_config", "providers." + name +
                                                    " is a custom provider and needs apiBase");
        }
    };
}

ConfigEdit channel_edit(std::string name, Json body) {
    if (name == "websocket") {
        only_fields(body, {"allowFrom"});
    }
    return [name, body](Json& config, Json&) {
        const Json before = config;
        merge_fields(config["channels"][name], body);
        keep_secrets(config, before);
    };
}

ConfigEdit channel_options_edit(Json body) {
    only_fields(body, {"sendProgress", "sendToolHints", "showReasoning", "sendMaxRetries"});
    if (body.contains("sendMaxRetries") && body["sendMaxRetries"].is_number_integer()) {
        auto retries = body["sendMaxRetries"].get<std::int64_t>();
        if (retries < 0 || retries > 10) {
            throw ClientError("invalid_config", "channels.sendMaxRetries must be between 0 and 10");
        }
    }
    return [body](Json& config, Json&) { merge_fields(config["channels"], body); };
}

ConfigEdit gateway_edit(Json body) {
    for (const auto& [key, value] : body.items()) {
        if (key == "host" || key == "port") {
            throw ClientError("protected_field",
                              "gateway." + key + " is set by the dashboard and cannot be changed");
        }
    }
    return [body](Json& config, Json&) { merge_fields(config["gateway"], body); };
}

}  // namespace

void register_config_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/config/schema", http::Access::kAdmin,
               [](http::RequestContext& ctx) -> awaitable<http::Response> {
        co_return http::json_response(ctx, 200, botconfig::config_schema());
    });

    router.add(http::Verb::get, "/api/bots/{id}/config", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = co_await api.bot_config->get_config(ctx.param("id"));
        co_return with_etag(http::json_response(ctx, 200, body), body);
    });

    router.add(http::Verb::put, "/api/bots/{id}/config", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        std::string if_match = required_if_match(ctx);
        Json body = parse_body_object(ctx);
        if (!body.contains("config")) throw ClientError("invalid_json", "expected {\"config\": {...}}");
        for (const auto& [key, value] : body.items()) {
            if (key != "config") throw ClientError("unknown_field", "unknown field \"" + key + "\"");
        }
        Json result = co_await api.bot_config->put_config(ctx.param("id"), if_match,
                                                          body["config"], kActor);
        co_return with_etag(http::json_response(ctx, 200, result), result);
    }, 1024 * 1024);

    auto patch = [&api](http::RequestContext& ctx, ConfigEdit edit) -> awaitable<http::Response> {
        std::string bot_id = ctx.param("id");
        std::optional<std::string> if_match = optional_if_match(ctx);
        std::string actor = kActor;
        Json result = co_await api.bot_config->edit_config(bot_id, if_match, std::move(edit), actor);
        co_return with_etag(http::json_response(ctx, 200, result), result);
    };

    router.add(http::Verb::patch, "/api/bots/{id}/config/model", http::Access::kAdmin,
               [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        ConfigEdit edit = model_edit(parse_body_object(ctx));
        co_return co_await patch(ctx, std::move(edit));
    });
    router.add(http::Verb::patch, "/api/bots/{id}/config/providers/{name}", http::Access::kAdmin,
               [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        ConfigEdit edit = provider_edit(section_param(ctx, "provider"), parse_body_object(ctx));
        co_return co_await patch(ctx, std::move(edit));
    });
    router.add(http::Verb::delete_, "/api/bots/{id}/config/providers/{name}",
               http::Access::kAdmin, [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        std::string name = section_param(ctx, "provider");
        ConfigEdit edit = [name](Json& config, Json&) {
            if (!config.contains("providers") || !config["providers"].contains(name)) {
                throw NotFound("unknown_provider", "no provider section '" + name + "'");
            }
            config["providers"].erase(name);
        };
        co_return co_await patch(ctx, std::move(edit));
    }, 1024);
    router.add(http::Verb::patch, "/api/bots/{id}/config/channels/{name}", http::Access::kAdmin,
               [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        ConfigEdit edit = channel_edit(section_param(ctx, "channel"), parse_body_object(ctx));
        co_return co_await patch(ctx, std::move(edit));
    });
    router.add(http::Verb::patch, "/api/bots/{id}/config/channels", http::Access::kAdmin,
               [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        ConfigEdit edit = channel_options_edit(parse_body_object(ctx));
        co_return co_await patch(ctx, std::move(edit));
    });
    router.add(http::Verb::patch, "/api/bots/{id}/config/gateway", http::Access::kAdmin,
               [patch](http::RequestContext& ctx) -> awaitable<http::Response> {
        ConfigEdit edit = gateway_edit(parse_body_object(ctx));
        co_return co_await patch(ctx, std::move(edit));
    });
}

}  // namespace nbdash::api
