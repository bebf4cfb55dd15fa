#include "alerts/alert_rules.hpp"

#include <gtest/gtest.h>

#include "alerts/alert_webhook.hpp"

namespace nbdash::alerts {

namespace {

const Json kDefaultRules = Json::parse(R"({
    "crash_loop": {"enabled": true, "deaths": 3, "minutes": 10},
    "error_rate": {"enabled": true, "threshold": 0.5, "min_requests": 5, "minutes": 15},
    "unreachable": {"enabled": true, "minutes": 10},
    "token_budget": {"enabled": true, "daily_tokens": 1000, "per_bot": {"alpha": 200},
                     "stop_bot": false}})");

BotFigures healthy(const std::string& bot_id) {
    BotFigures figures;
    figures.bot_id = bot_id;
    figures.enabled = true;
    figures.state = "ready";
    return figures;
}

std::vector<std::string> rules_holding(const AlertRules& rules, const BotFigures& figures) {
    std::vector<std::string> names;
    for (const auto& finding : evaluate(rules, figures)) names.push_back(finding.rule);
    return names;
}

}  // namespace

TEST(AlertRules, CrashLoopHoldsFromTheGivenNumberOfDeaths) {
    CrashLoopRule rule;

    EXPECT_FALSE(crash_loop_holds(rule, 2));
    EXPECT_TRUE(crash_loop_holds(rule, 3));
    rule.enabled = false;
    EXPECT_FALSE(crash_loop_holds(rule, 30));
}

TEST(AlertRules, ErrorRateNeedsEnoughRequestsAndTheThreshold) {
    ErrorRateRule rule;

    EXPECT_FALSE(error_rate_holds(rule, 4, 4));  // too few requests to judge
    EXPECT_FALSE(error_rate_holds(rule, 10, 4));
    EXPECT_TRUE(error_rate_holds(rule, 10, 5));  // at the threshold
    EXPECT_FALSE(error_rate_holds(rule, 0, 0));
    rule.min_requests = 0;
    EXPECT_FALSE(error_rate_holds(rule, 0, 0));
}

TEST(AlertRules, UnreachableCountsOnlyWantedBotsNotReadyForTheWindow) {
    UnreachableRule rule;  // 10 minutes

    EXPECT_TRUE(unreachable_holds(rule, true, "degraded", 600));
    EXPECT_TRUE(unreachable_holds(rule, true, "starting", 3600));
    EXPECT_TRUE(unreachable_holds(rule, true, "error", 601));
    EXPECT_FALSE(unreachable_holds(rule, true, "degraded", 599));
    EXPECT_FALSE(unreachable_holds(rule, false, "error", 3600));   // the operator stopped it
    EXPECT_FALSE(unreachable_holds(rule, true, "ready", 3600));
    EXPECT_FALSE(unreachable_holds(rule, true, "degraded", std::nullopt));
}

TEST(AlertRules, TokenBudgetPrefersThePerBotFigure) {
    auto rules = parse_alert_rules(kDefaultRules);

    EXPECT_EQ(token_budget_of(rules.token_budget, "alpha"), 200);
    EXPECT_EQ(token_budget_of(rules.token_budget, "beta"), 1000);
    EXPECT_TRUE(token_budget_holds(rules.token_budget, "alpha", 201));
    EXPECT_FALSE(token_budget_holds(rules.token_budget, "alpha", 200));
    EXPECT_FALSE(token_budget_holds(rules.token_budget, "beta", 201));
}

TEST(AlertRules, EvaluateReportsEachHoldingRuleWithItsFigures) {
    auto rules = parse_alert_rules(kDefaultRules);
    BotFigures figures = healthy("alpha");
    figures.deaths = 4;
    figures.requests = 6;
    figures.errors = 6;
    figures.tokens_today = 500;

    auto findings = evaluate(rules, figures);

    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].rule, "crash_loop");
    EXPECT_EQ(findings[0].severity, "error");
    EXPECT_EQ(findings[0].figures["deaths"], 4);
    EXPECT_EQ(findings[1].rule, "error_rate");
    EXPECT_EQ(findings[1].figures["error_rate"], 1.0);
    EXPECT_EQ(findings[2].rule, "token_budget");
    EXPECT_EQ(findings[2].figures["budget_tokens"], 200);
    EXPECT_TRUE(rules_holding(rules, healthy("alpha")).empty());
}

TEST(AlertRules, AbsentRulesAreOffAndAbsentFieldsTakeDefaults) {
    auto rules = parse_alert_rules(Json::parse(R"({"crash_loop": {"deaths": 5}})"));

    EXPECT_TRUE(rules.crash_loop.enabled);
    EXPECT_EQ(rules.crash_loop.deaths, 5);
    EXPECT_EQ(rules.crash_loop.minutes, 10);
    EXPECT_FALSE(rules.error_rate.enabled);
    EXPECT_FALSE(rules.unreachable.enabled);
    EXPECT_FALSE(rules.token_budget.enabled);
    EXPECT_FALSE(parse_alert_rules(Json()).crash_loop.enabled);
}

TEST(AlertRules, ValidatesTheSettingValue) {
    EXPECT_FALSE(alert_rules_problem(kDefaultRules));
    EXPECT_FALSE(alert_rules_problem(Json::object()));
    for (const char* bad : {R"([])", R"({"crash_loops": {}})", R"({"crash_loop": 3})",
                            R"({"crash_loop": {"deaths": 0}})",
                            R"({"crash_loop": {"deaths": 2.5}})",
                            R"({"error_rate": {"threshold": 1.5}})",
                            R"({"unreachable": {"enabled": "yes"}})",
                            R"({"unreachable": {"minutes": 0}})",
                            R"({"token_budget": {"per_bot": {"Bad Id": 1}}})",
                            R"({"token_budget": {"per_bot": {"alpha": -1}}})"}) {
        EXPECT_TRUE(alert_rules_problem(Json::parse(bad))) << bad;
    }
}

TEST(AlertWebhook, AcceptsOnlyHttpUrls) {
    auto target = parse_webhook_url("http://127.0.0.1:8099/hooks/alerts?team=ops");

    ASSERT_TRUE(target);
    EXPECT_EQ(target->host, "127.0.0.1");
    EXPECT_EQ(target->port, "8099");
    EXPECT_EQ(target->target, "/hooks/alerts?team=ops");
    EXPECT_EQ(parse_webhook_url("http://localhost")->port, "80");
    EXPECT_EQ(parse_webhook_url("http://localhost")->target, "/");
    for (const char* bad : {"", "https://localhost/", "ftp://localhost/", "localhost:80",
                            "http://", "http://localhost:0/", "http://localhost:99999/"}) {
        EXPECT_FALSE(parse_webhook_url(bad)) << bad;
    }
}

}  // namespace nbdash::alerts
