#include "api/event_query.hpp"

#include <charconv>
#include <regex>

#include "botconfig/text_checks.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/time_params.hpp"

namespace nbdash::api {

namespace {

constexpr std::size_t kMaxTypes = 50;

const std::string* find(const std::map<std::string, std::string>& params, const char* name) {
    auto it = params.find(name);
    return it == params.end() || it->second.empty() ? nullptr : &it->second;
}

[[noreturn]] void invalid(const std::string& name, const std::string& why) {
    throw ClientError("invalid_parameter", "query parameter \"" + name + "\" " + why);
}

std::int64_t bounded_int(const std::string& text, const std::string& name, std::int64_t min,
                         std::int64_t max) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        invalid(name, "must be an integer from " + std::to_string(min) + " to " +
                          std::to_string(max));
    }
    return value;
}

std::vector<std::string> event_types(const std::string& list) {
    static const std::regex kType("[a-z][a-z0-9_]{1,63}");
    std::vector<std::string> types;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        std::string type = list.substr(start, comma - start);
        if (!std::regex_match(type, kType)) {
            invalid("type", "must be event types (snake_case) separated by commas");
        }
        types.push_back(std::move(type));
        if (types.size() > kMaxTypes) invalid("type", "names more than 50 types");
        start = comma + 1;
    }
    return types;
}

std::optional<Instant> instant(const std::map<std::string, std::string>& params,
                               const char* name) {
    const std::string* text = find(params, name);
    if (!text) return std::nullopt;
    auto parsed = parse_instant_param(*text);
    if (!parsed) {
        throw ClientError("invalid_date", std::string("query parameter \"") + name +
                                              "\" must be an ISO 8601 instant "
                                              "(2026-12-01T08:00:00Z) or a date (2026-12-01)");
    }
    return parsed->instant;
}

}  // namespace

db::EventQuery parse_event_query(const std::map<std::string, std::string>& params) {
    db::EventQuery query;
    if (const auto* bot_id = find(params, "bot_id")) {
        if (!is_valid_bot_id(*bot_id)) invalid("bot_id", "is not a bot id");
        query.bot_id = *bot_id;
    }
    if (const auto* types = find(params, "type")) query.event_types = event_types(*types);

    auto from = instant(params, "from");
    auto to = instant(params, "to");
    if (from && to && *from > *to) {
        throw ClientError("invalid_range", "\"from\" must not be after \"to\"");
    }
    if (from) query.from = format_instant(*from);
    if (to) query.to = format_instant(*to);

    if (const auto* text = find(params, "q")) {
        if (text->size() > kMaxEventSearchBytes) invalid("q", "is longer than 200 bytes");
        if (!botconfig::is_utf8_text(*text)) invalid("q", "must be UTF-8 text without NUL");
        query.text = *text;
    }
    if (const auto* before = find(params, "before_id")) {
        query.before_id = bounded_int(*before, "before_id", 1, INT64_MAX);
    }
    query.limit = kDefaultEventPage;
    if (const auto* limit = find(params, "limit")) {
        query.limit = static_cast<int>(bounded_int(*limit, "limit", 1, kMaxEventPage));
    }
    return query;
}

}  // namespace nbdash::api
