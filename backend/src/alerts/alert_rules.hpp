// The alert rules of the setting alerts.rules and the pure decision whether each holds for a
// bot, given the figures one check measured (docs/api.md, "Alerts"). No I/O here: the
// AlertMonitor measures, these functions judge, so the judging is tested without a database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::alerts {

// Windows are in minutes; fractions are allowed (a test may look back a few seconds).
struct CrashLoopRule {
    bool enabled = true;
    std::int64_t deaths = 3;
    double minutes = 10;
};

struct ErrorRateRule {
    bool enabled = true;
    double threshold = 0.5;  // errors / requests
    std::int64_t min_requests = 5;
    double minutes = 15;
};

struct UnreachableRule {
    bool enabled = true;
    double minutes = 10;
};

struct TokenBudgetRule {
    bool enabled = false;
    std::int64_t daily_tokens = 1'000'000;
    std::map<std::string, std::int64_t> per_bot;  // overrides daily_tokens for these bots
    bool stop_bot = false;
};

// A rule absent from the setting is off; a field absent from a rule takes the default above.
struct AlertRules {
    CrashLoopRule crash_loop;
    ErrorRateRule error_rate;
    UnreachableRule unreachable;
    TokenBudgetRule token_budget;
};

// What one check measured for a bot.
struct BotFigures {
    std::string bot_id;
    bool enabled = false;              // the operator wants it running
    std::string state;                 // bot_instance.current_state
    std::optional<double> unready_seconds;  // since it was last ready/busy (null when it is)
    std::int64_t deaths = 0;           // container_died events in the crash_loop window
    std::int64_t requests = 0;         // closed requests in the error_rate window
    std::int64_t errors = 0;           // of which not successful
    std::int64_t tokens_today = 0;     // UTC day, as docs/api.md counts them
};

// A rule that holds for a bot, and what its alert says.
struct Finding {
    std::string bot_id;
    std::string rule;      // crash_loop, error_rate, unreachable, token_budget
    std::string severity;  // error or warning
    std::string detail;
    Json figures;          // the measured values and the limits they were held to
};

// The rules in a setting value; values of the wrong type fall back to their defaults (the
// settings API refuses them, but the table can be edited directly).
AlertRules parse_alert_rules(const Json& value);
// Why value is not a valid alerts.rules setting; nullopt when it is.
std::optional<std::string> alert_rules_problem(const Json& value);

bool crash_loop_holds(const CrashLoopRule& rule, std::int64_t deaths);
bool error_rate_holds(const ErrorRateRule& rule, std::int64_t requests, std::int64_t errors);
bool unreachable_holds(const UnreachableRule& rule, bool enabled, const std::string& state,
                       std::optional<double> unready_seconds);
// The bot's daily budget: its per_bot entry, else daily_tokens.
std::int64_t token_budget_of(const TokenBudgetRule& rule, const std::string& bot_id);
bool token_budget_holds(const TokenBudgetRule& rule, const std::string& bot_id,
                        std::int64_t tokens_today);

// Every enabled rule that holds for the bot, in the order of AlertRules.
std::vector<Finding> evaluate(const AlertRules& rules, const BotFigures& figures);

}  // namespace nbdash::alerts
