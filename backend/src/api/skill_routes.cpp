// Routes for the skill market and the skills installed in each bot.
#include "api/api_context.hpp"
#include "api/file_route_helpers.hpp"
#include "botconfig/skill_file.hpp"
#include "common/errors.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

constexpr std::size_t kSkillBodyLimit = 2 * 1024 * 1024;

Json skill_json(const db::SkillRecord& s, bool with_content) {
    Json out = {{"id", s.id},
                {"skill_key", s.skill_key},
                {"name", s.name},
                {"description", s.description},
                {"category", s.category},
                {"version", s.version},
                {"author", s.author ? Json(*s.author) : Json()},
                {"is_builtin", s.is_builtin},
                {"enabled", s.enabled},
                {"updated_at", s.updated_at}};
    if (with_content) out["skill_md"] = s.skill_md;
    return out;
}

std::string checked_text(const Json& body, const char* field, std::size_t max_bytes) {
    std::string value = required_string(body, field);
    if (value.empty() || value.size() > max_bytes || value.find('\0') != std::string::npos) {
        throw ClientError("invalid_skill", std::string(field) + " must be 1 to " +
                                               std::to_string(max_bytes) + " bytes of text");
    }
    return value;
}

// Fills skill from body; with `partial`, absent fields keep their current value.
void apply_skill_fields(db::SkillRecord& skill, const Json& body, bool partial) {
    for (const auto& [key, value] : body.items()) {
        static const char* const known[] = {"skill_key", "name", "description", "category",
                                            "version", "author", "skill_md", "enabled"};
        bool ok = false;
        for (const char* name : known) ok = ok || key == name;
        if (!ok) throw ClientError("unknown_field", "unknown field \"" + key + "\"");
    }
    auto take = [&](const char* field, std::string& target, std::size_t max) {
        if (!partial || body.contains(field)) target = checked_text(body, field, max);
    };
    take("skill_key", skill.skill_key, 64);
    take("name", skill.name, 128);
    take("description", skill.description, 1024);
    take("category", skill.category, 64);
    take("skill_md", skill.skill_md, 256 * 1024);
    if (body.contains("version")) skill.version = checked_text(body, "version", 32);
    if (body.contains("author")) {
        if (body["author"].is_null()) {
            skill.author.reset();
        } else {
            skill.author = checked_text(body, "author", 128);
        }
    }
    if (auto enabled = optional_bool(body, "enabled")) skill.enabled = *enabled;
    if (!botconfig::is_valid_skill_key(skill.skill_key)) {
        throw ClientError("invalid_skill", "skill_key must match ^[a-z0-9][a-z0-9-]{0,63}$");
    }
    botconfig::check_skill_md(skill.skill_key, skill.skill_md);
}

}  // namespace

void register_skill_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/skills", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        db::SkillQuery query;
        query.text = ctx.query_value("q");
        if (query.text && (query.text->empty() || query.text->size() > 200)) query.text.reset();
        query.category = ctx.query_value("category");
        if (query.category && query.category->empty()) query.category.reset();
        auto skills = co_await api.skill_store->list(query);
        auto categories = co_await api.skill_store->categories();
        Json list = Json::array();
        for (const auto& s : skills) list.push_back(skill_json(s, false));
        co_return http::json_response(ctx, 200, {{"skills", list}, {"categories", categories}});
    });

    router.add(http::Verb::get, "/api/skills/{id}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        auto skill = co_await api.skill_store->find(http::path_int(ctx, "id"));
        if (!skill) throw NotFound("skill_not_found", "no such skill");
        co_return http::json_response(ctx, 200, skill_json(*skill, true));
    });

    router.add(http::Verb::post, "/api/skills", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = parse_body_object(ctx);
        db::SkillRecord skill;
        apply_skill_fields(skill, body, false);
        auto stored = co_await api.skill_store->insert(skill);
        if (!stored) throw Conflict("skill_exists", "a skill with key '" + skill.skill_key + "' exists");
        co_return http::json_response(ctx, 201, skill_json(*stored, true));
    }, kSkillBodyLimit);

    router.add(http::Verb::put, "/api/skills/{id}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = parse_body_object(ctx);
        auto current = co_await api.skill_store->find(http::path_int(ctx, "id"));
        if (!current) throw NotFound("skill_not_found", "no such skill");
        db::SkillRecord skill = *current;
        apply_skill_fields(skill, body, true);
        auto stored = co_await api.skill_store->update(skill);
        if (!stored) throw NotFound("skill_not_found", "no such skill");
        co_return http::json_response(ctx, 200, skill_json(*stored, true));
    }, kSkillBodyLimit);

    router.add(http::Verb::get, "/api/bots/{id}/skills", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = co_await api.bot_config->list_skills(ctx.param("id"));
        co_return http::json_response(ctx, 200, body);
    });

    router.add(http::Verb::post, "/api/bots/{id}/skills", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json body = parse_body_object(ctx);
        for (const auto& [key, value] : body.items()) {
            if (key != "skill_key" && key != "replace") {
                throw ClientError("unknown_field", "unknown field \"" + key + "\"");
            }
        }
        std::string key = required_string(body, "skill_key");
        bool replace = optional_bool(body, "replace").value_or(false);
        Json installed = co_await api.bot_config->install_skill(ctx.param("id"), key, replace);
        co_return http::json_response(ctx, 201, installed);
    }, 4096);

    router.add(http::Verb::delete_, "/api/bots/{id}/skills/{name}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        co_await api.bot_config->remove_skill(ctx.param("id"), ctx.param("name"));
        co_return http::no_content(ctx);
    }, 1024);
}

}  // namespace nbdash::api
