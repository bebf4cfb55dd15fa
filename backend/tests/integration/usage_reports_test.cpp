// Usage reports against the raw rows they summarise: every grouping, time zones whose days do
// and do not fall on UTC hours, ranges cut mid-hour, cost, the rollup rebuild, the bots' own
// ledgers and bad filters.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace fs = std::filesystem;

namespace {

// 1,500 closed requests over three days for three bots, every 173 s, with a spread of models
// (one missing), providers, channels, statuses and latencies (some missing), plus rows still
// running, which count nowhere.
constexpr const char* kSeedRows = R"SQL(
INSERT INTO bot_request_usage (bot_id, request_id, channel, status, provider, model,
                               input_tokens, output_tokens, total_tokens, latency_ms,
                               started_at)
SELECT (ARRAY['alpha', 'beta', 'gamma'])[1 + i % 3], 'seed-' || i,
       (ARRAY['dashboard', 'api'])[1 + (i / 7) % 2],
       (ARRAY['success', 'success', 'success', 'error', 'timeout', 'interrupted'])[1 + i % 6],
       (ARRAY['openai', 'anthropic', NULL])[1 + i % 5 % 3],
       (ARRAY['gpt-4o', 'claude', NULL, 'gpt-4o-mini'])[1 + i % 4],
       (i * 37) % 1000, (i * 11) % 300, (i * 37) % 1000 + (i * 11) % 300,
       CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 97) % 45000 END,
       timestamptz '2026-11-30 00:00:00+00' + i * interval '173 seconds'
FROM generate_series(1, 1500) AS i;
INSERT INTO bot_request_usage (bot_id, request_id, status, started_at)
SELECT 'alpha', 'open-' || i, 'running', timestamptz '2026-12-01 12:00:00+00'
FROM generate_series(1, 5) AS i;
-- Some requests close after they were first stored, as real turns do.
UPDATE bot_request_usage SET status = 'success', input_tokens = 5, total_tokens = 5,
       latency_ms = 120
WHERE request_id IN ('open-1', 'open-2');
)SQL";

std::string key_sql(const std::string& key, const std::string& tz) {
    if (key == "day") return "to_char(started_at AT TIME ZONE '" + tz + "', 'YYYY-MM-DD')";
    if (key == "hour") {
        return "to_char(date_trunc('hour', started_at, '" + tz +
               "') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
    }
    if (key == "bot") return "bot_id";
    return "coalesce(" + key + ", '')";
}

std::vector<std::string> split(const std::string& text, char by) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, by);) parts.push_back(part);
    return parts;
}

class UsageReports : public DashboardTest {
protected:
    // The report's rows as sorted "key|…|requests|errors|input|output|total" lines.
    std::string api_lines(const std::string& group_by, const std::string& from,
                          const std::string& to, const std::string& tz) {
        auto response = client->get("/api/usage?group_by=" + group_by + "&from=" + from +
                                    "&to=" + to + "&tz=" + tz);
        EXPECT_EQ(response.status, 200) << response.body;
        std::vector<std::string> lines;
        Json body = response.json();  // kept: the rows are read from it
        for (const auto& row : body["rows"]) {
            std::string line;
            for (const auto& key : split(group_by, ',')) {
                const Json& value = row[key == "bot" ? "bot_id" : key];
                line += (value.is_null() ? std::string() : value.get<std::string>()) + "|";
            }
            for (const char* measure : {"requests", "errors", "input_tokens", "output_tokens"}) {
                line += std::to_string(row[measure].get<long>()) + "|";
            }
            lines.push_back(line + std::to_string(row["total_tokens"].get<long>()));
        }
        std::sort(lines.begin(), lines.end());
        std::string joined;
        for (const auto& line : lines) joined += (joined.empty() ? "" : "\n") + line;
        return joined;
    }

    // The same sums computed straight from the raw rows.
    std::string raw_lines(const std::string& group_by, const std::string& from,
                          const std::string& to, const std::string& tz) {
        std::string keys;
        std::string groups;
        for (const auto& key : split(group_by, ',')) {
            keys += key_sql(key, tz) + ", ";
            groups += (groups.empty() ? "" : ", ") + key_sql(key, tz);
        }
        std::string sql =
            "SELECT coalesce(string_agg(line, E'\\n' ORDER BY line COLLATE \"C\"), '') FROM ("
            "SELECT concat_ws('|', " + keys + "count(*), "
            "count(*) FILTER (WHERE status <> 'success'), sum(input_tokens), "
            "sum(output_tokens), sum(total_tokens)) AS line FROM bot_request_usage "
            "WHERE status <> 'running' AND started_at >= '" + from + "'::timestamptz "
            "AND started_at < '" + to + "'::timestamptz" +
            (groups.empty() ? "" : " GROUP BY " + groups) + ") s";
        return database->scalar(sql);
    }

    struct Range {
        std::string from, to, tz;
    };

    // Every grouping over every range answers what the raw rows say.
    void expect_reports_match_raw_rows(const std::vector<Range>& ranges,
                                       const std::vector<std::string>& groupings) {
        for (const auto& range : ranges) {
            for (const auto& group_by : groupings) {
                std::string expected = raw_lines(group_by, range.from, range.to, range.tz);
                ASSERT_FALSE(expected.empty());
                EXPECT_EQ(api_lines(group_by, range.from, range.to, range.tz), expected)
                    << group_by << " " << range.tz << " " << range.from;
            }
        }
    }

    fs::path ledger_path(const std::string& id) {
        return data->path() / "bots" / id / ".nanobot" / "webui" / "token-usage.json";
    }
};

class UsageWithLedgers : public UsageReports {
protected:
    std::map<std::string, std::string> settings() const override {
        return {{"usage.ledger_import_seconds", "10"}};
    }
};

}  // namespace

TEST_F(UsageReports, SumsMatchTheRawRowsForEveryGroupingAndZone) {
    database->execute(kSeedRows);
    // Ranges cut mid-hour at both ends, in zones with whole-hour and half-hour offsets.
    expect_reports_match_raw_rows(
        {{"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "UTC"},
         {"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "Asia/Shanghai"},
         {"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "Asia/Kolkata"},
         {"2026-12-01T03:10:00Z", "2026-12-01T03:50:00Z", "UTC"}},  // inside one hour
        {"day", "hour", "bot", "model", "provider", "status", "channel", "day,model", "bot,day",
         "model,provider,status", "day,bot,model,provider,status,channel"});

    // Plain dates are midnight in tz: a Shanghai day starts at 16:00 UTC the day before.
    auto day = client->get("/api/usage?from=2026-12-01&to=2026-12-02&tz=Asia/Shanghai").json();
    EXPECT_EQ(day["from"], "2026-11-30T16:00:00Z");
    EXPECT_EQ(day["to"], "2026-12-01T16:00:00Z");
    EXPECT_EQ(day["totals"]["requests"].get<long>(),
              std::stol(database->scalar(
                  "SELECT count(*) FROM bot_request_usage WHERE status <> 'running' AND "
                  "started_at >= '2026-11-30T16:00:00Z' AND started_at < '2026-12-01T16:00:00Z'")));
    // Percentiles come with the histogram; a group without latencies has none.
    EXPECT_TRUE(day["totals"]["latency_p95_ms"].is_number());
}

TEST_F(UsageReports, DaysOfTheReportZoneMatchTheRawRowsAndFollowTheSetting) {
    database->execute(kSeedRows);
    const std::string days =
        "SELECT string_agg(d || '=' || n, ',' ORDER BY d) FROM (SELECT to_char(day_start AT "
        "TIME ZONE nbdash_usage_report_zone(), 'YYYY-MM-DD') AS d, sum(requests) AS n FROM "
        "fleet_model_daily GROUP BY 1) s";
    const std::string raw_days =
        "SELECT string_agg(d || '=' || n, ',' ORDER BY d) FROM (SELECT to_char(started_at AT "
        "TIME ZONE 'UTC', 'YYYY-MM-DD') AS d, count(*) AS n FROM bot_request_usage WHERE "
        "status <> 'running' GROUP BY 1) s";
    EXPECT_EQ(database->scalar(days), database->scalar(raw_days));

    // A zone PostgreSQL does not know is refused and changes nothing.
    for (const char* bad : {R"({"value": "Mars/Olympus_Mons"})", R"({"value": "UTC+8"})"}) {
        auto refused = client->request("PUT", "/api/settings/usage.report_time_zone", bad);
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(refused.error_code(), "invalid_value") << refused.body;
    }
    EXPECT_EQ(database->scalar("SELECT nbdash_usage_report_zone()"), "UTC");

    auto moved = client->request("PUT", "/api/settings/usage.report_time_zone",
                                 R"({"value": "Asia/Shanghai"})");
    ASSERT_EQ(moved.status, 200) << moved.body;
    // The stored days are regrouped at once: a Shanghai day starts at 16:00 UTC.
    EXPECT_EQ(database->scalar("SELECT min(day_start) FROM fleet_model_daily"),
              "2026-11-29 16:00:00+00");
    // Requests closed after the change land in the new zone's days.
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, model, input_tokens, "
        "total_tokens, started_at) VALUES ('alpha', 'late', 'success', 'gpt-4o', 7, 7, "
        "'2026-12-02T17:30:00Z')");
    EXPECT_EQ(database->scalar("SELECT sum(requests) FROM fleet_model_daily WHERE day_start = "
                               "'2026-12-02T16:00:00Z'"),
              database->scalar("SELECT count(*) FROM bot_request_usage WHERE status <> 'running' "
                               "AND started_at >= '2026-12-02T16:00:00Z' AND "
                               "started_at < '2026-12-03T16:00:00Z'"));

    // Reports read the days in the zone they were summed in, hours in any other, and agree
    // with the raw rows either way (ranges cut mid-hour, whole local days, a single day).
    expect_reports_match_raw_rows(
        {{"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "Asia/Shanghai"},
         {"2026-11-29T16:00:00Z", "2026-12-03T16:00:00Z", "Asia/Shanghai"},
         {"2026-12-01T16:00:00Z", "2026-12-02T16:00:00Z", "Asia/Shanghai"},
         {"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "UTC"},
         {"2026-11-30T10:17:00Z", "2026-12-02T22:45:00Z", "Asia/Kolkata"}},
        {"day", "day,model", "model", "provider", "model,provider"});
}

TEST_F(UsageReports, AZoneThatMovesToAHalfHourOffsetInsideTheRangeIsSummedExactly) {
    database->execute(kSeedRows);
    // Lord Howe Island is +11 from October to April and +10:30 between: both ends of the range
    // are +11, these requests fall in +10:30 minutes either side of local midnight.
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, model, input_tokens, "
        "total_tokens, started_at) VALUES "
        "('alpha', 'lh-1', 'success', 'gpt-4o', 3, 3, '2026-09-30T13:40:00Z'), "
        "('alpha', 'lh-2', 'success', 'gpt-4o', 4, 4, '2026-07-15T13:20:00Z'), "
        "('beta', 'lh-3', 'error', 'claude', 5, 5, '2026-07-15T13:35:00Z')");
    const std::vector<Range> ranges = {
        {"2026-04-01T00:00:00Z", "2026-12-01T00:00:00Z", "Australia/Lord_Howe"}};
    expect_reports_match_raw_rows(ranges, {"day", "day,model", "model"});
    // Nor are whole days of that zone ever read from the daily rollup.
    ASSERT_EQ(client->request("PUT", "/api/settings/usage.report_time_zone",
                              R"({"value": "Australia/Lord_Howe"})").status, 200);
    expect_reports_match_raw_rows(ranges, {"day", "day,model", "model"});
}

TEST_F(UsageReports, TheRollupRebuiltFromRawRowsEqualsTheLiveOne) {
    database->execute(kSeedRows);
    const std::string snapshot =
        "SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM (SELECT * FROM "
        "bot_usage_hourly UNION ALL SELECT hour_start, '*', channel, provider, model, status, "
        "requests, input_tokens, output_tokens, total_tokens, latency_count, latency_sum_ms, "
        "lat_b00, lat_b01, lat_b02, lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, lat_b08, "
        "lat_b09, lat_b10, lat_b11, lat_b12, lat_b13, lat_b14, lat_b15 FROM fleet_usage_hourly "
        "WHERE requests <> 0 UNION ALL SELECT day_start, '*', '*', provider, model, "
        "errors::text, requests, input_tokens, output_tokens, total_tokens, latency_count, "
        "latency_sum_ms, lat_b00, lat_b01, lat_b02, lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, "
        "lat_b08, lat_b09, lat_b10, lat_b11, lat_b12, lat_b13, lat_b14, lat_b15 FROM "
        "fleet_model_daily WHERE requests <> 0) r WHERE r.requests <> 0";
    std::string live = database->scalar(snapshot);
    ASSERT_FALSE(live.empty());

    std::string command = std::string(NBDASH_SOURCE_DIR) + "/scripts/rebuild-usage-rollup.sh '" +
                          database->url() + "' > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(database->scalar(snapshot), live);
    EXPECT_EQ(database->scalar("SELECT sum(requests) FROM fleet_usage_hourly"),
              database->scalar("SELECT count(*) FROM bot_request_usage WHERE status <> 'running'"));
}

TEST_F(UsageReports, CostUsesThePriceTableAndIsNeverZeroForUnknownModels) {
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, provider, model, "
        "input_tokens, output_tokens, total_tokens, latency_ms, started_at) VALUES "
        "('alpha', 'c1', 'success', 'openai', 'gpt-4o', 1000000, 100000, 1100000, 900, "
        " now() - interval '1 hour'),"
        "('alpha', 'c2', 'success', 'local', 'mystery', 500, 500, 1000, 900, "
        " now() - interval '1 hour'),"
        "('beta', 'c3', 'error', 'local', 'mystery', 10, 0, 10, 100, now() - interval '2 hours')");
    auto priced = client->request("PUT", "/api/settings/usage.price_table",
                                  R"({"value":{"currency":"EUR","models":{"openai/gpt-4o":
                                  {"input_per_mtok":2.5,"output_per_mtok":10}}}})");
    ASSERT_EQ(priced.status, 200) << priced.body;
    auto refused = client->request("PUT", "/api/settings/usage.price_table",
                                   R"({"value":{"models":{"x":{"input_per_mtok":-1}}}})");
    EXPECT_EQ(refused.status, 400);

    auto report = client->get("/api/usage?group_by=bot,model").json();
    EXPECT_EQ(report["currency"], "EUR");
    ASSERT_EQ(report["rows"].size(), 3u) << report.dump();
    EXPECT_EQ(report["rows"][0]["model"], "gpt-4o");
    EXPECT_DOUBLE_EQ(report["rows"][0]["cost"].get<double>(), 3.5);
    EXPECT_EQ(report["rows"][0]["cost_status"], "known");
    EXPECT_TRUE(report["rows"][1]["cost"].is_null());
    EXPECT_EQ(report["rows"][1]["cost_status"], "unknown");
    EXPECT_EQ(report["totals"]["cost_status"], "partial");
    EXPECT_EQ(report["totals"]["unpriced_tokens"], 1010);
    EXPECT_EQ(report["totals"]["errors"], 1);

    auto summary = client->get("/api/bots/alpha/usage").json();
    EXPECT_EQ(summary["totals"]["requests"], 2);
    EXPECT_EQ(summary["today"]["requests"].get<int>() +
                  std::stoi(database->scalar("SELECT count(*) FROM bot_request_usage WHERE "
                                             "bot_id = 'alpha' AND started_at < "
                                             "date_trunc('day', now(), 'UTC')")),
              2);
    auto today = client->get("/api/usage/fleet-today?tz=UTC").json();
    EXPECT_EQ(today["currency"], "EUR");
    EXPECT_EQ(today["day"].get<std::string>().size(), 10u);

    auto csv = client->get("/api/usage?group_by=model&format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("model,requests,errors"), std::string::npos);
    EXPECT_NE(csv.body.find("mystery,2,1,0.5,510,500,1010,"), std::string::npos) << csv.body;
}

TEST_F(UsageReports, BadFiltersAreRefusedWithTheirCodes) {
    struct Case {
        std::string query;
        std::string code;
    };
    for (const auto& c : std::vector<Case>{
             {"from=2026-12-02&to=2026-12-01", "invalid_range"},
             {"from=2024-01-01&to=2026-01-01", "invalid_range"},
             {"group_by=week", "invalid_group_by"},
             {"from=2026-13-45", "invalid_date"},
             {"from=2026-02-30", "invalid_date"},
             {"from=soon", "invalid_date"},
             {"tz=Mars/Olympus_Mons", "invalid_tz"},
             {"tz=UTC%2B8", "invalid_tz"},
             {"status=running", "invalid_parameter"},
             {"format=pdf", "invalid_parameter"}}) {
        auto response = client->get("/api/usage?" + c.query);
        EXPECT_EQ(response.status, 400) << c.query << " " << response.body;
        EXPECT_EQ(response.error_code(), c.code) << c.query;
    }
    EXPECT_EQ(client->get("/api/usage/sources?from=2026-12-05&to=2026-12-01").status, 400);
    EXPECT_EQ(client->get("/api/usage/sources?group_by=model").error_code(), "invalid_group_by");
    EXPECT_EQ(client->get("/api/bots/..%2Fx/usage").status, 404);
    EXPECT_EQ(client->get("/api/usage/fleet-today?tz=Nowhere/Atall").error_code(), "invalid_tz");
}

TEST_F(UsageWithLedgers, LedgerSpendIsImportedAndSplitBySourceWithoutCountingTwice) {
    ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}, {"name", "Alpha"}}).status, 201);
    database->execute(
        "INSERT INTO bot_request_usage (bot_id, request_id, status, model, input_tokens, "
        "output_tokens, total_tokens, started_at) VALUES ('alpha', 'd1', 'success', 'm', 100, "
        "20, 120, '2026-12-03T10:00:00Z')");
    fs::create_directories(ledger_path("alpha").parent_path());
    std::ofstream(ledger_path("alpha")) << R"({"schema_version":1,"days":{"2026-12-03":{
        "sources":{"user":{"requests":3,"prompt_tokens":400,"completion_tokens":100,
                           "total_tokens":500},
                   "cron":{"requests":2,"prompt_tokens":50,"completion_tokens":10,
                           "total_tokens":60},
                   "dream":{"requests":1,"prompt_tokens":70,"completion_tokens":30,
                            "total_tokens":100}}}}})";

    Json rows;
    std::string last;
    ASSERT_TRUE(eventually(
        [&] {
            auto response =
                client->get("/api/usage/sources?from=2026-12-01&to=2026-12-04&bot_id=alpha");
            last = response.body;
            Json body = response.json();
            if (!body.is_object() || !body.contains("rows")) return false;
            rows = body["rows"];
            return rows.size() == 4;
        },
        std::chrono::seconds(40)))
        << last << server->log_text();
    std::map<std::string, long> tokens;
    for (const auto& row : rows) tokens[row["source"]] = row["total_tokens"].get<long>();
    EXPECT_EQ(tokens["dashboard"], 120);
    EXPECT_EQ(tokens["user"], 380);  // the ledger's 500 less the dashboard's own 120
    EXPECT_EQ(tokens["cron"], 60);
    EXPECT_EQ(tokens["dream"], 100);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_usage_ledger WHERE bot_id = 'alpha'"), "3");
}

}  // namespace nbdash::testing
