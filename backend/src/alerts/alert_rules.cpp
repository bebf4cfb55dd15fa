#include "alerts/alert_rules.hpp"

#include <set>

#include <fmt/format.h>

#include "common/ids.hpp"

namespace nbdash::alerts {

namespace {

constexpr double kMaxMinutes = 7 * 24 * 60;

// Reads rule[key] when it has the expected JSON type, else keeps fallback.
bool read_bool(const Json& rule, const char* key, bool fallback) {
    auto it = rule.find(key);
    return it != rule.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::int64_t read_int(const Json& rule, const char* key, std::int64_t fallback) {
    auto it = rule.find(key);
    return it != rule.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

double read_number(const Json& rule, const char* key, double fallback) {
    auto it = rule.find(key);
    return it != rule.end() && it->is_number() ? it->get<double>() : fallback;
}

// The rule's object, or null when absent (the rule is then off).
const Json* rule_object(const Json& value, const char* name) {
    if (!value.is_object()) return nullptr;
    auto it = value.find(name);
    return it != value.end() && it->is_object() ? &*it : nullptr;
}

std::optional<std::string> field_problem(const Json& rule, const std::string& name,
                                         const char* key, const char* kind, double min,
                                         double max) {
    auto it = rule.find(key);
    if (it == rule.end()) return std::nullopt;
    std::string where = name + "." + key;
    if (std::string(kind) == "boolean") {
        if (!it->is_boolean()) return where + " must be true or false";
        return std::nullopt;
    }
    bool integer = std::string(kind) == "integer";
    if (integer ? !it->is_number_integer() : !it->is_number()) {
        return where + (integer ? " must be an integer" : " must be a number");
    }
    double number = it->get<double>();
    if (number < min || number > max) {
        return where + fmt::format(" must be between {} and {}", min, max);
    }
    return std::nullopt;
}

std::string plural(std::int64_t count, const char* noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

}  // namespace

AlertRules parse_alert_rules(const Json& value) {
    AlertRules rules;
    if (const Json* rule = rule_object(value, "crash_loop")) {
        rules.crash_loop.enabled = read_bool(*rule, "enabled", true);
        rules.crash_loop.deaths = read_int(*rule, "deaths", rules.crash_loop.deaths);
        rules.crash_loop.minutes = read_number(*rule, "minutes", rules.crash_loop.minutes);
    } else {
        rules.crash_loop.enabled = false;
    }
    if (const Json* rule = rule_object(value, "error_rate")) {
        rules.error_rate.enabled = read_bool(*rule, "enabled", true);
        rules.error_rate.threshold = read_number(*rule, "threshold", rules.error_rate.threshold);
        rules.error_rate.min_requests =
            read_int(*rule, "min_requests", rules.error_rate.min_requests);
        rules.error_rate.minutes = read_number(*rule, "minutes", rules.error_rate.minutes);
    } else {
        rules.error_rate.enabled = false;
    }
    if (const Json* rule = rule_object(value, "unreachable")) {
        rules.unreachable.enabled = read_bool(*rule, "enabled", true);
        rules.unreachable.minutes = read_number(*rule, "minutes", rules.unreachable.minutes);
    } else {
        rules.unreachable.enabled = false;
    }
    if (const Json* rule = rule_object(value, "token_budget")) {
        rules.token_budget.enabled = read_bool(*rule, "enabled", false);
        rules.token_budget.daily_tokens =
            read_int(*rule, "daily_tokens", rules.token_budget.daily_tokens);
        rules.token_budget.stop_bot = read_bool(*rule, "stop_bot", false);
        auto per_bot = rule->find("per_bot");
        if (per_bot != rule->end() && per_bot->is_object()) {
            for (const auto& [bot_id, budget] : per_bot->items()) {
                if (budget.is_number_integer()) {
                    rules.token_budget.per_bot[bot_id] = budget.get<std::int64_t>();
                }
            }
        }
    }
    return rules;
}

std::optional<std::string> alert_rules_problem(const Json& value) {
    if (!value.is_object()) return "must be a JSON object of rules";
    static const std::set<std::string> kRules = {"crash_loop", "error_rate", "unreachable",
                                                 "token_budget"};
    for (const auto& [name, rule] : value.items()) {
        if (!kRules.count(name)) return "has an unknown rule '" + name + "'";
        if (!rule.is_object()) return name + " must be an object";
    }
    struct Field {
        const char* rule;
        const char* key;
        const char* kind;
        double min;
        double max;
    };
    static const Field kFields[] = {
        {"crash_loop", "enabled", "boolean", 0, 0},
        {"crash_loop", "deaths", "integer", 1, 10000},
        {"crash_loop", "minutes", "number", 0.01, kMaxMinutes},
        {"error_rate", "enabled", "boolean", 0, 0},
        {"error_rate", "threshold", "number", 0.0001, 1},
        {"error_rate", "min_requests", "integer", 1, 1e9},
        {"error_rate", "minutes", "number", 0.01, kMaxMinutes},
        {"unreachable", "enabled", "boolean", 0, 0},
        {"unreachable", "minutes", "number", 0.01, kMaxMinutes},
        {"token_budget", "enabled", "boolean", 0, 0},
        {"token_budget", "daily_tokens", "integer", 0, 1e15},
        {"token_budget", "stop_bot", "boolean", 0, 0},
    };
    for (const auto& field : kFields) {
        const Json* rule = rule_object(value, field.rule);
        if (!rule) continue;
        auto problem = field_problem(*rule, field.rule, field.key, field.kind, field.min,
                                     field.max);
        if (problem) return problem;
    }
    if (const Json* rule = rule_object(value, "token_budget")) {
        auto per_bot = rule->find("per_bot");
        if (per_bot != rule->end()) {
            if (!per_bot->is_object()) return "token_budget.per_bot must be an object";
            for (const auto& [bot_id, budget] : per_bot->items()) {
                if (!is_valid_bot_id(bot_id)) {
                    return "token_budget.per_bot has a key that is no bot id";
                }
                if (!budget.is_number_integer() || budget.get<std::int64_t>() < 0) {
                    return "token_budget.per_bot." + bot_id + " must be an integer >= 0";
                }
            }
        }
    }
    return std::nullopt;
}

bool crash_loop_holds(const CrashLoopRule& rule, std::int64_t deaths) {
    return rule.enabled && deaths >= rule.deaths;
}

bool error_rate_holds(const ErrorRateRule& rule, std::int64_t requests, std::int64_t errors) {
    if (!rule.enabled || requests <= 0 || requests < rule.min_requests) return false;
    return static_cast<double>(errors) / static_cast<double>(requests) >= rule.threshold;
}

bool unreachable_holds(const UnreachableRule& rule, bool enabled, const std::string& state,
                       std::optional<double> unready_seconds) {
    if (!rule.enabled || !enabled || !unready_seconds) return false;
    bool unready = state == "degraded" || state == "error" || state == "starting";
    return unready && *unready_seconds >= rule.minutes * 60;
}

std::int64_t token_budget_of(const TokenBudgetRule& rule, const std::string& bot_id) {
    auto it = rule.per_bot.find(bot_id);
    return it == rule.per_bot.end() ? rule.daily_tokens : it->second;
}

bool token_budget_holds(const TokenBudgetRule& rule, const std::string& bot_id,
                        std::int64_t tokens_today) {
    return rule.enabled && tokens_today > token_budget_of(rule, bot_id);
}

std::vector<Finding> evaluate(const AlertRules& rules, const BotFigures& figures) {
    std::vector<Finding> found;
    auto add = [&](const char* rule, const char* severity, std::string detail, Json numbers) {
        found.push_back(Finding{figures.bot_id, rule, severity, std::move(detail),
                                std::move(numbers)});
    };
    if (crash_loop_holds(rules.crash_loop, figures.deaths)) {
        add("crash_loop", "error",
            fmt::format("the container died {} in {} minutes",
                        figures.deaths == 1 ? "once" : plural(figures.deaths, "time"),
                        rules.crash_loop.minutes),
            {{"deaths", figures.deaths},
             {"min_deaths", rules.crash_loop.deaths},
             {"minutes", rules.crash_loop.minutes}});
    }
    if (error_rate_holds(rules.error_rate, figures.requests, figures.errors)) {
        double rate = static_cast<double>(figures.errors) / static_cast<double>(figures.requests);
        add("error_rate", "warning",
            fmt::format("{} of {} failed in the last {} minutes", figures.errors,
                        plural(figures.requests, "request"), rules.error_rate.minutes),
            {{"requests", figures.requests},
             {"errors", figures.errors},
             {"error_rate", rate},
             {"threshold", rules.error_rate.threshold},
             {"minutes", rules.error_rate.minutes}});
    }
    if (unreachable_holds(rules.unreachable, figures.enabled, figures.state,
                          figures.unready_seconds)) {
        add("unreachable", "error",
            fmt::format("the bot has not been ready for {} minutes (state {})",
                        static_cast<std::int64_t>(*figures.unready_seconds / 60), figures.state),
            {{"state", figures.state},
             {"unready_seconds", static_cast<std::int64_t>(*figures.unready_seconds)},
             {"minutes", rules.unreachable.minutes}});
    }
    if (token_budget_holds(rules.token_budget, figures.bot_id, figures.tokens_today)) {
        std::int64_t budget = token_budget_of(rules.token_budget, figures.bot_id);
        add("token_budget", "warning",
            fmt::format("{} tokens used today, over the daily budget of {}", figures.tokens_today,
                        budget),
            {{"tokens_today", figures.tokens_today},
             {"budget_tokens", budget},
             {"stop_bot", rules.token_budget.stop_bot}});
    }
    return found;
}

}  // namespace nbdash::alerts
