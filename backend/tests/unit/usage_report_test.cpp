// The pure parts of usage reporting: query checking, percentiles, pricing, folding and CSV.
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "usage/latency_histogram.hpp"
#include "usage/ledger_file.hpp"
#include "usage/price_table.hpp"
#include "usage/usage_query.hpp"
#include "usage/usage_report.hpp"

namespace nbdash::usage {
namespace {

std::string code_of(const QueryParams& params) {
    try {
        parse_usage_query(params);
    } catch (const ClientError& e) {
        return e.code();
    }
    return "";
}

UsagePart part(std::vector<std::string> keys, std::string provider, std::string model,
               std::int64_t requests, std::int64_t input, std::int64_t output) {
    UsagePart p;
    p.keys = std::move(keys);
    p.provider = std::move(provider);
    p.model = std::move(model);
    p.sums.requests = requests;
    p.sums.input_tokens = input;
    p.sums.output_tokens = output;
    p.sums.total_tokens = input + output;
    return p;
}

TEST(UsageQuery, ReadsGroupKeysFiltersAndBounds) {
    auto query = parse_usage_query({{"group_by", "day,model,bot,day"},
                                    {"from", "2026-12-01"},
                                    {"to", "2026-12-02T08:30:00+08:00"},
                                    {"tz", "Asia/Shanghai"},
                                    {"status", "error"},
                                    {"format", "csv"}});
    ASSERT_EQ(query.group_by.size(), 3u);  // the repeated day counts once
    EXPECT_EQ(query.group_by[2], GroupKey::kBot);
    EXPECT_EQ(group_key_name(GroupKey::kBot), "bot_id");
    EXPECT_EQ(query.from->form, TimeBound::Form::kDate);
    EXPECT_EQ(query.to->form, TimeBound::Form::kInstantWithOffset);
    EXPECT_EQ(parse_time_bound("to", "2026-12-02T08:30").form, TimeBound::Form::kLocalInstant);
    EXPECT_EQ(query.tz, "Asia/Shanghai");
    EXPECT_TRUE(query.csv);
}

TEST(UsageQuery, RefusesBadValuesWithTheirCodes) {
    EXPECT_EQ(code_of({{"group_by", "day,week"}}), "invalid_group_by");
    EXPECT_EQ(code_of({{"group_by", "day,"}}), "invalid_group_by");
    EXPECT_EQ(code_of({{"from", "yesterday"}}), "invalid_date");
    EXPECT_EQ(code_of({{"to", "2026-12-01T25"}}), "invalid_date");
    EXPECT_EQ(code_of({{"tz", "UTC+8"}}), "invalid_tz");
    EXPECT_EQ(code_of({{"tz", "../../etc/passwd"}}), "invalid_tz");
    EXPECT_EQ(code_of({{"status", "running"}}), "invalid_parameter");
    EXPECT_EQ(code_of({{"format", "xml"}}), "invalid_parameter");
    EXPECT_EQ(code_of({{"model", std::string(201, 'm')}}), "invalid_parameter");
    EXPECT_EQ(code_of({{"tz", "America/Argentina/Buenos_Aires"}, {"group_by", ""}}), "");
}

TEST(LatencyHistogram, InterpolatesInsideTheBucket) {
    LatencyHistogram h{};
    EXPECT_FALSE(latency_percentile(h, 0.5));
    h[2] = 10;  // ten requests between 100 and 200 ms
    EXPECT_EQ(latency_percentile(h, 0.5), 150);
    EXPECT_EQ(latency_percentile(h, 1.0), 200);
    h[15] = 90;  // the open bucket answers its lower bound
    EXPECT_EQ(latency_percentile(h, 0.95), 40000);
    EXPECT_EQ(latency_percentile(h, 0.05), 150);
}

TEST(PriceTable, LooksUpProviderModelThenModelAndChecksValues) {
    auto table = PriceTable::from_setting(Json::parse(
        R"({"currency":"EUR","models":{"openai/gpt-4o":{"input_per_mtok":2.5,"output_per_mtok":10},
            "claude":{"input_per_mtok":3,"output_per_mtok":15},"bad":{"input_per_mtok":"x"}}})"));
    EXPECT_EQ(table.currency(), "EUR");
    EXPECT_DOUBLE_EQ(table.find("openai", "gpt-4o")->output_per_mtok, 10);
    EXPECT_DOUBLE_EQ(table.find("anthropic", "claude")->input_per_mtok, 3);
    EXPECT_FALSE(table.find("azure", "gpt-4o"));
    EXPECT_FALSE(table.find("", "bad"));
    EXPECT_FALSE(table.find("", ""));
    // nanobot's model names carry their provider: "anthropic/claude" from anthropic is "claude".
    EXPECT_DOUBLE_EQ(table.find("anthropic", "anthropic/claude")->input_per_mtok, 3);
    EXPECT_DOUBLE_EQ(table.find("openai", "openai/gpt-4o")->output_per_mtok, 10);
    EXPECT_FALSE(table.find("openai", "anthropic/claude"));
    EXPECT_FALSE(table.find("anthropic", "anthropic/"));

    EXPECT_FALSE(price_table_problem(Json::parse(R"({"currency":"USD","models":{}})")));
    EXPECT_TRUE(price_table_problem(Json::parse(R"({"models":{"m":{"input_per_mtok":-1,
        "output_per_mtok":1}}})")));
    EXPECT_TRUE(price_table_problem(Json::parse(R"({"currency":"USD","extra":1})")));
    EXPECT_TRUE(price_table_problem(Json::array()));
}

TEST(UsageReport, FoldsPartsAndMarksCostKnownPartialOrUnknown) {
    auto table = PriceTable::from_setting(Json::parse(
        R"({"models":{"openai/gpt-4o":{"input_per_mtok":1,"output_per_mtok":2}}})"));
    std::vector<UsagePart> parts = {
        part({"2026-12-01"}, "openai", "gpt-4o", 2, 1'000'000, 500'000),
        part({"2026-12-01"}, "local", "llama", 1, 10, 5),
        part({"2026-12-02"}, "", "", 3, 30, 30),
        part({"2026-12-03"}, "openai", "gpt-4o", 1, 0, 1'000'000)};
    auto report = build_report({GroupKey::kDay}, parts, table);
    ASSERT_EQ(report.rows.size(), 3u);

    Json rows = report_rows_json(report);
    EXPECT_EQ(rows[0]["day"], "2026-12-01");
    EXPECT_EQ(rows[0]["requests"], 3);
    EXPECT_EQ(rows[0]["total_tokens"], 1'500'015);
    EXPECT_EQ(rows[0]["cost_status"], "partial");
    EXPECT_DOUBLE_EQ(rows[0]["cost"].get<double>(), 2.0);
    EXPECT_EQ(rows[0]["unpriced_tokens"], 15);
    EXPECT_EQ(rows[1]["cost_status"], "unknown");
    EXPECT_TRUE(rows[1]["cost"].is_null());
    EXPECT_EQ(rows[2]["cost_status"], "known");
    EXPECT_DOUBLE_EQ(rows[2]["cost"].get<double>(), 2.0);

    Json totals = figures_json(report.totals);
    EXPECT_EQ(totals["requests"], 7);
    EXPECT_EQ(totals["cost_status"], "partial");
    EXPECT_DOUBLE_EQ(totals["cost"].get<double>(), 4.0);
    EXPECT_TRUE(totals["latency_p50_ms"].is_null());
}

TEST(UsageReport, RowsWrittenAsTextAreTheSameJson) {
    std::vector<UsagePart> parts = {part({"2026-12-01", "gpt-4o"}, "openai", "gpt-4o", 2, 7, 5),
                                    part({"2026-12-01", ""}, "", "", 1, 3, 1),
                                    part({"2026-12-02", "m\"o\\d\n\u00e9"}, "x", "m", 4, 1, 1)};
    auto report = build_report({GroupKey::kDay, GroupKey::kModel}, parts, PriceTable());
    Json text = Json::parse(report_rows_text(report));
    EXPECT_EQ(text, report_rows_json(report));
    EXPECT_TRUE(text[1]["model"].is_null());
    EXPECT_EQ(text[2]["model"], "m\"o\\d\n\u00e9");
    EXPECT_EQ(report_rows_text(build_report({}, {}, PriceTable())), "[]");
}

TEST(UsageReport, CsvHasKeysThenMeasuresAndDefusesFormulas) {
    std::vector<UsagePart> parts = {part({"=cmd()"}, "", "=cmd()", 1, 1, 1),
                                    part({"a,b"}, "", "a,b", 1, 1, 1)};
    auto csv = report_csv(build_report({GroupKey::kModel}, parts, PriceTable{}));
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
              "model,requests,errors,error_rate,input_tokens,output_tokens,total_tokens,"
              "latency_p50_ms,latency_p95_ms,cost,cost_status,unpriced_tokens");
    EXPECT_NE(csv.find("\r\n'=cmd(),1,0,0.0,1,1,2,,,,unknown,2\r\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\r\n\"a,b\",1,"), std::string::npos) << csv;
}

TEST(LedgerFile, ReadsDaysBySourceAndSkipsWhatIsNotALedger) {
    auto entries = parse_ledger(R"({"schema_version":1,"days":{
        "2026-12-03":{"prompt_tokens":9,"sources":{
            "user":{"requests":2,"prompt_tokens":100,"completion_tokens":20,"total_tokens":120},
            "cron":{"requests":1,"prompt_tokens":7,"completion_tokens":3},
            "Bad Name":{"requests":1}, "dream":"x"}},
        "2026-12-04":{"requests":1,"prompt_tokens":5,"completion_tokens":5,"total_tokens":-3},
        "not-a-day":{"requests":5}}})");
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].source, "cron");
    EXPECT_EQ(entries[0].total_tokens, 10);  // computed when the bot omitted it
    EXPECT_EQ(entries[1].source, "user");
    EXPECT_EQ(entries[1].total_tokens, 120);
    EXPECT_EQ(entries[2].day, "2026-12-04");
    EXPECT_EQ(entries[2].source, "user");
    EXPECT_EQ(entries[2].total_tokens, 10);  // a negative count is not believed
    EXPECT_THROW(parse_ledger("[]"), std::invalid_argument);
    EXPECT_THROW(parse_ledger("{\"days\":"), std::invalid_argument);

    EXPECT_EQ(ledger_model(Json::parse(R"({"agents":{"defaults":{"model":"gpt-4o",
        "provider":"openai"}}})")), "openai/gpt-4o");
    EXPECT_EQ(ledger_model(Json::parse(R"({"agents":{"defaults":{"model":"anthropic/claude",
        "provider":"auto"}}})")), "anthropic/claude");
    EXPECT_EQ(ledger_model(Json::parse(R"({"agents":{"defaults":{"model":7}}})")), "");
}

}  // namespace
}  // namespace nbdash::usage
