#include "usage/ledger_file.hpp"

#include <regex>
#include <stdexcept>

namespace nbdash::usage {

namespace {

std::int64_t count(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return 0;
    auto value = it->get<std::int64_t>();
    // A count above a million million tokens a day is not real; keep sums far from overflow.
    return value < 0 || value > 1'000'000'000'000 ? 0 : value;
}

LedgerEntry entry_of(const std::string& day, const std::string& source, const Json& figures) {
    LedgerEntry entry;
    entry.day = day;
    entry.source = source;
    entry.requests = count(figures, "requests");
    entry.prompt_tokens = count(figures, "prompt_tokens");
    entry.completion_tokens = count(figures, "completion_tokens");
    entry.cached_tokens = count(figures, "cached_tokens");
    entry.total_tokens = count(figures, "total_tokens");
    if (entry.total_tokens == 0) entry.total_tokens = entry.prompt_tokens + entry.completion_tokens;
    return entry;
}

}  // namespace

std::vector<LedgerEntry> parse_ledger(std::string_view text) {
    if (text.size() > kMaxLedgerFileBytes) throw std::invalid_argument("ledger file too large");
    Json ledger = Json::parse(text, nullptr, false);
    if (!ledger.is_object() || !ledger.contains("days") || !ledger["days"].is_object()) {
        throw std::invalid_argument("not a token ledger (no days object)");
    }
    static const std::regex kDay(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex kSource(R"([a-z][a-z0-9_]{0,31})");
    std::vector<LedgerEntry> entries;
    const Json& days = ledger["days"];
    for (auto day = days.begin(); day != days.end(); ++day) {
        if (!day.value().is_object() || !std::regex_match(day.key(), kDay)) continue;
        auto sources = day.value().find("sources");
        if (sources == day.value().end() || !sources->is_object()) {
            entries.push_back(entry_of(day.key(), "user", day.value()));
            continue;
        }
        for (auto source = sources->begin(); source != sources->end(); ++source) {
            if (!source.value().is_object() || !std::regex_match(source.key(), kSource)) continue;
            entries.push_back(entry_of(day.key(), source.key(), source.value()));
        }
    }
    return entries;
}

std::string ledger_model(const Json& config) {
    const Json* defaults = nullptr;
    if (config.is_object() && config.contains("agents") && config["agents"].is_object() &&
        config["agents"].contains("defaults") && config["agents"]["defaults"].is_object()) {
        defaults = &config["agents"]["defaults"];
    }
    if (!defaults) return "";
    std::string model = defaults->value("model", Json("")).is_string()
                            ? defaults->value("model", std::string())
                            : std::string();
    std::string provider = defaults->value("provider", Json("")).is_string()
                               ? defaults->value("provider", std::string())
                               : std::string();
    if (model.empty()) return "";
    if (provider.empty() || provider == "auto" || model.rfind(provider + "/", 0) == 0) {
        return model;
    }
    return provider + "/" + model;
}

}  // namespace nbdash::usage
