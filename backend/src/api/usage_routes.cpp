// Usage and cost reports: GET /api/usage (grouped sums, JSON or CSV), the per-bot summary, the
// fleet's figures for today and spend split by source. docs/api.md "Usage and cost".
#include <chrono>
#include <cstdio>

#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "http/responses.hpp"
#include "usage/price_table.hpp"
#include "usage/usage_report.hpp"

namespace nbdash::api {

namespace {

using usage::GroupKey;

usage::PriceTable prices(ApiContext& api) {
    return usage::PriceTable::from_setting(api.settings.get_json("usage.price_table"));
}

boost::asio::awaitable<http::Response> usage_report(ApiContext& api, http::RequestContext& ctx) {
    auto query = usage::parse_usage_query(ctx.query);
    auto answer = co_await api.usage->sums(query);
    auto table = prices(api);
    auto report = usage::build_report(query.group_by, answer.parts, table);

    if (query.csv) {
        auto response = http::json_response(ctx, 200, Json::object());
        response.body() = usage::report_csv(report);
        response.set(boost::beast::http::field::content_type, "text/csv; charset=utf-8");
        response.set(boost::beast::http::field::content_disposition,
                     "attachment; filename=\"usage.csv\"");
        response.prepare_payload();
        co_return response;
    }
    Json group_by = Json::array();
    for (GroupKey key : query.group_by) {
        group_by.push_back(key == GroupKey::kBot ? "bot" : std::string(group_key_name(key)));
    }
    Json head = {{"from", answer.from},
                 {"to", answer.to},
                 {"tz", query.tz},
                 {"group_by", group_by},
                 {"currency", table.currency()},
                 {"totals", usage::figures_json(report.totals)}};
    // The rows (a year by day and model: thousands) go in as text, first in the object.
    std::string body = dump_json(head);
    body.insert(1, "\"rows\":" + usage::report_rows_text(report) + ",");
    auto response = http::json_response(ctx, 200, Json::object());
    response.body() = std::move(body);
    response.prepare_payload();
    co_return response;
}

boost::asio::awaitable<http::Response> bot_summary(ApiContext& api, http::RequestContext& ctx) {
    // A deleted bot's id still answers: its usage history is kept.
    const std::string& bot_id = ctx.param("id");
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto query = usage::parse_usage_range(ctx.query);
    query.bot_id = bot_id;
    auto range = co_await api.usage->sums(query);
    auto today_query = query;
    today_query.from.reset();
    today_query.to.reset();
    today_query.default_range = usage::DefaultRange::kToday;
    auto today = co_await api.usage->sums(today_query);

    auto table = prices(api);
    auto range_report = usage::build_report({}, range.parts, table);
    auto today_report = usage::build_report({}, today.parts, table);
    Json body = {{"bot_id", bot_id},
                 {"from", range.from},
                 {"to", range.to},
                 {"tz", query.tz},
                 {"currency", table.currency()},
                 {"totals", usage::figures_json(range_report.totals)},
                 {"today", usage::figures_json(today_report.totals)}};
    co_return http::json_response(ctx, 200, body);
}

boost::asio::awaitable<http::Response> fleet_today(ApiContext& api, http::RequestContext& ctx) {
    usage::UsageQuery query;
    query.tz = usage::parse_time_zone(ctx.query_value("tz"));
    query.default_range = usage::DefaultRange::kToday;
    query.group_by = {GroupKey::kBot};
    auto answer = co_await api.usage->sums(query);
    auto table = prices(api);
    auto report = usage::build_report(query.group_by, answer.parts, table);

    Json bots = Json::array();
    for (const auto& [keys, figures] : report.rows) {
        Json row = usage::figures_json(figures);
        row["bot_id"] = keys[0];
        bots.push_back(std::move(row));
    }
    Json body = {{"day", answer.from_local_day},
                 {"from", answer.from},
                 {"to", answer.to},
                 {"tz", query.tz},
                 {"currency", table.currency()},
                 {"bots", bots}};
    co_return http::json_response(ctx, 200, body);
}

// YYYY-MM-DD as a day count; nullopt when it is not a real date.
std::optional<std::chrono::sys_days> parse_day(const std::string& text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
        return std::nullopt;
    }
    std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m),
                                     std::chrono::day(d)};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date);
}

std::string day_text(std::chrono::sys_days day) {
    std::chrono::year_month_day date(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::chrono::sys_days day_param(http::RequestContext& ctx, const char* name,
                                std::chrono::sys_days fallback) {
    auto text = ctx.query_value(name);
    if (!text || text->empty()) return fallback;
    auto day = parse_day(*text);
    if (!day) throw ClientError("invalid_date", std::string(name) + " must be a date YYYY-MM-DD");
    return *day;
}

boost::asio::awaitable<http::Response> spend_by_source(ApiContext& api,
                                                       http::RequestContext& ctx) {
    auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    db::SourcesQuery query;
    auto to = day_param(ctx, "to", today);
    auto from = day_param(ctx, "from", to - std::chrono::days(6));
    if (from > to) throw ClientError("invalid_range", "from is after to");
    if (to - from > std::chrono::days(400)) {
        throw ClientError("invalid_range", "the range is longer than 400 days");
    }
    query.from_day = day_text(from);
    query.to_day = day_text(to);
    if (auto bot_id = ctx.query_value("bot_id"); bot_id && !bot_id->empty()) {
        if (!is_valid_bot_id(*bot_id)) {
            throw ClientError("invalid_parameter", "bot_id: not a bot id");
        }
        query.bot_id = *bot_id;
    }
    // The same group_by reader as /api/usage, so names and errors agree; only two apply here.
    usage::QueryParams grouping = {{"group_by", ctx.query_value("group_by").value_or("")}};
    for (auto key : usage::parse_usage_query(grouping).group_by) {
        if (key == GroupKey::kDay) query.by_day = true;
        else if (key == GroupKey::kBot) query.by_bot = true;
        else throw ClientError("invalid_group_by", "group_by: only day and bot apply here");
    }
    auto parts = co_await api.usage->sources(query);

    auto table = prices(api);
    Json rows = Json::array();
    std::vector<std::string> row_key;
    usage::UsageFigures figures;
    auto flush = [&] {
        if (row_key.empty()) return;
        Json row = Json::object();
        if (query.by_day) row["day"] = row_key[0];
        if (query.by_bot) row["bot_id"] = row_key[1];
        row["source"] = row_key[2];
        Json all = usage::figures_json(figures);
        for (const char* key : {"requests", "input_tokens", "output_tokens", "total_tokens",
                                "cost", "cost_status", "unpriced_tokens"}) {
            row[key] = all[key];
        }
        rows.push_back(std::move(row));
    };
    for (const auto& part : parts) {
        std::vector<std::string> key = {part.day, part.bot_id, part.source};
        if (key != row_key) {
            flush();
            row_key = key;
            figures = usage::UsageFigures{};
        }
        usage::UsagePart priced;
        priced.provider = part.provider;
        priced.model = part.model;
        priced.sums.requests = part.requests;
        priced.sums.input_tokens = part.input_tokens;
        priced.sums.output_tokens = part.output_tokens;
        priced.sums.total_tokens = part.total_tokens;
        figures.add_part(priced, table);
    }
    flush();
    Json body = {{"from", query.from_day},
                 {"to", query.to_day},
                 {"currency", table.currency()},
                 {"rows", rows}};
    co_return http::json_response(ctx, 200, body);
}

}  // namespace

void register_usage_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/usage", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return usage_report(api, ctx); });
    router.add(http::Verb::get, "/api/usage/fleet-today", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return fleet_today(api, ctx); });
    router.add(http::Verb::get, "/api/usage/sources", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return spend_by_source(api, ctx); });
    router.add(http::Verb::get, "/api/bots/{id}/usage", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return bot_summary(api, ctx); });
}

}  // namespace nbdash::api
