#include "ledger.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace simbot {

namespace {

constexpr std::size_t kDaysKept = 400;
constexpr std::size_t kMaxLedgerBytes = 512 * 1024;
constexpr const char* kTokenKeys[] = {"prompt_tokens",   "completion_tokens", "cached_tokens",
                                      "total_tokens",    "provider_tokens",   "estimated_tokens"};

long long int_field(const nlohmann::json& obj, const char* key)
{
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) {
        return 0;
    }
    const auto value = it->get<long long>();
    return value > 0 ? value : 0;
}

void add_to_row(nlohmann::json& row, const nlohmann::json& usage, bool estimated)
{
    for (const char* key : kTokenKeys) {
        row[key] = int_field(row, key) + int_field(usage, key);
    }
    row["requests"] = int_field(row, "requests") + 1;
    const char* kind = estimated ? "estimated_requests" : "provider_requests";
    row[kind] = int_field(row, kind) + 1;
    for (const char* key : {"estimated_requests", "provider_requests"}) {
        row[key] = int_field(row, key);
    }
}

std::tm utc_tm(std::chrono::system_clock::time_point when)
{
    const auto secs = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm;
}

}  // namespace

std::string utc_day(std::chrono::system_clock::time_point when)
{
    const auto tm = utc_tm(when);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday);
    return buf;
}

std::string utc_timestamp_seconds(std::chrono::system_clock::time_point when)
{
    const auto tm = utc_tm(when);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

void add_usage_to_ledger(nlohmann::json& state, const std::string& day,
                         const nlohmann::json& usage, const std::string& source)
{
    if (!state.is_object() || !state.contains("days") || !state["days"].is_object()) {
        state = {{"schema_version", 1},
                 {"days", nlohmann::json::object()},
                 {"updated_at", nullptr}};
    }
    nlohmann::json normalised = nlohmann::json::object();
    for (const char* key : kTokenKeys) {
        normalised[key] = int_field(usage, key);
    }
    if (normalised["total_tokens"] == 0) {
        normalised["total_tokens"] = int_field(normalised, "prompt_tokens") +
                                     int_field(normalised, "completion_tokens");
    }
    if (normalised["total_tokens"] == 0) {
        return;
    }
    const bool estimated = int_field(normalised, "estimated_tokens") > 0 &&
                           int_field(normalised, "provider_tokens") == 0;
    if (!estimated && int_field(normalised, "provider_tokens") == 0) {
        normalised["provider_tokens"] = normalised["total_tokens"];
    }

    auto& days = state["days"];
    auto& row = days[day];
    if (!row.is_object()) {
        row = nlohmann::json::object();
    }
    row["date"] = day;
    add_to_row(row, normalised, estimated);
    auto& sources = row["sources"];
    if (!sources.is_object()) {
        sources = nlohmann::json::object();
    }
    auto& source_row = sources[source];
    if (!source_row.is_object()) {
        source_row = nlohmann::json::object();
    }
    add_to_row(source_row, normalised, estimated);

    // nlohmann objects are sorted by key, and ISO dates sort chronologically.
    while (days.size() > kDaysKept) {
        days.erase(days.begin());
    }
}

TokenLedger::TokenLedger(std::filesystem::path path) : path_(std::move(path)) {}

bool TokenLedger::record(const nlohmann::json& usage, const std::string& source)
{
    const auto now = std::chrono::system_clock::now();
    nlohmann::json state;
    std::error_code ec;
    if (std::filesystem::is_regular_file(path_, ec) &&
        std::filesystem::file_size(path_, ec) <= kMaxLedgerBytes) {
        std::ifstream in(path_, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        state = nlohmann::json::parse(text.str(), nullptr, false);
    }
    add_usage_to_ledger(state, utc_day(now), usage, source);
    state["updated_at"] = utc_timestamp_seconds(now);

    std::filesystem::create_directories(path_.parent_path(), ec);
    const auto temp = path_.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << state.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        if (!out) {
            return false;
        }
    }
    std::filesystem::rename(temp, path_, ec);
    return !ec;
}

}  // namespace simbot
