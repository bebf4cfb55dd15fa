#include "db/usage_store.hpp"

#include <algorithm>
#include <cstdio>

#include "common/errors.hpp"
#include "common/json.hpp"

namespace nbdash::db {

namespace {

using usage::GroupKey;
using usage::TimeBound;
using usage::UsageQuery;

// A bound as SQL over the parameters of the range query ($1 from, $2 to, $3 tz). Only these
// fixed fragments are ever spliced into the text; every value is a parameter.
std::string bound_sql(const std::optional<TimeBound>& bound, const char* parameter,
                      const char* fallback) {
    if (!bound) return fallback;
    std::string p = parameter;
    switch (bound->form) {
        case TimeBound::Form::kDate: return "(" + p + "::date::timestamp AT TIME ZONE $3)";
        case TimeBound::Form::kInstantWithOffset: return p + "::timestamptz";
        case TimeBound::Form::kLocalInstant: return "(" + p + "::timestamp AT TIME ZONE $3)";
    }
    return fallback;
}

// True when zone's offset is not a whole number of hours at some time from a to b: at either
// end, or on any day between (a zone can change offset inside a range, as Lord Howe Island
// moves between +10:30 and +11; offsets last months, so a day's step finds every one).
std::string odd_offset_sql(const std::string& zone, const std::string& a, const std::string& b) {
    auto odd_at = [&](const std::string& at) {
        return "extract(minute FROM (" + at + " AT TIME ZONE " + zone + ") - (" + at +
               " AT TIME ZONE 'UTC')) <> 0";
    };
    // The days are walked only for a range short enough to be answered at all (400 days).
    return "(" + odd_at(a) + " OR " + odd_at(b) + " OR EXISTS (SELECT 1 FROM generate_series(" +
           a + ", CASE WHEN " + b + " - " + a + " <= interval '401 days' THEN " + b + " ELSE " +
           a + " END, interval '1 day') AS g(at) WHERE " + odd_at("g.at") + "))";
}

std::string range_sql(const UsageQuery& query) {
    bool today = query.default_range == usage::DefaultRange::kToday;
    const char* default_from =
        today ? "date_trunc('day', now(), $3)" : "now() - interval '7 days'";
    std::string from = bound_sql(query.from, "$1", default_from);
    std::string to = bound_sql(query.to, "$2", "now()");
    const std::string iso_us = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
    const std::string iso_s = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";
    // Whole UTC hours inside the range come from the rollups; a zone whose offset is not a
    // whole number of hours (India, Nepal, …) cuts days inside a rollup hour, so its ranges
    // are summed from the raw rows instead (odd_offset).
    // given_from and given_to name $1 and $2 even when a bound is left to its default, so
    // every parameter has a type. The whole days of the report zone z inside the whole hours
    // (df to dt) can be read from the daily rollup when its midnights fall on UTC hours.
    return "WITH b AS (SELECT " + from + " AS f, " + to + " AS t, $1::text AS given_from, "
           "$2::text AS given_to, nbdash_usage_report_zone() AS z), "
           "h AS (SELECT b.*, CASE WHEN date_trunc('hour', f, 'UTC') = f THEN f "
           "ELSE date_trunc('hour', f, 'UTC') + interval '1 hour' END AS rf, "
           "date_trunc('hour', t, 'UTC') AS rt FROM b), "
           "d AS (SELECT h.*, CASE WHEN date_trunc('day', rf, z) = rf THEN rf "
           "ELSE (date_trunc('day', rf AT TIME ZONE z) + interval '1 day') AT TIME ZONE z "
           "END AS df, date_trunc('day', rt, z) AS dt FROM h) SELECT "
           "to_char(f AT TIME ZONE 'UTC', " + iso_us + "), to_char(t AT TIME ZONE 'UTC', " +
           iso_us + "), to_char(f AT TIME ZONE 'UTC', " + iso_s + "), "
           "to_char(t AT TIME ZONE 'UTC', " + iso_s + "), "
           "to_char(rf AT TIME ZONE 'UTC', " + iso_us + "), "
           "to_char(rt AT TIME ZONE 'UTC', " + iso_us + "), extract(epoch FROM t - f)::float8, "
           "(" + odd_offset_sql("$3", "f", "t") + "), "
           "to_char(f AT TIME ZONE $3, 'YYYY-MM-DD'), "
           "(df < dt AND NOT " + odd_offset_sql("z", "df", "dt") + "), "
           "to_char(df AT TIME ZONE 'UTC', " + iso_us + "), "
           "to_char(dt AT TIME ZONE 'UTC', " + iso_us + "), z = $3 FROM d";
}

std::string key_sql(GroupKey key) {
    switch (key) {
        case GroupKey::kHour:
            return "to_char(date_trunc('hour', t, $10) AT TIME ZONE 'UTC', "
                   "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
        case GroupKey::kDay: return "to_char(t AT TIME ZONE $10, 'YYYY-MM-DD')";
        case GroupKey::kBot: return "bot_id";
        case GroupKey::kModel: return "model";
        case GroupKey::kProvider: return "provider";
        case GroupKey::kStatus: return "status";
        case GroupKey::kChannel: return "channel";
    }
    return "''";
}

std::string histogram_list(const std::string& pattern) {
    std::string out;
    for (int b = 0; b < 16; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "%02d", b);
        std::string item = pattern;
        for (auto at = item.find("NN"); at != std::string::npos; at = item.find("NN")) {
            item.replace(at, 2, pattern.find("lat_bNN") != std::string::npos ? name
                                                                              : std::to_string(b));
        }
        out += ", " + item;
    }
    return out;
}

bool groups_by(const UsageQuery& query, GroupKey key) {
    return std::find(query.group_by.begin(), query.group_by.end(), key) != query.group_by.end();
}

// True when the fleet by time, provider and model answers: no bot, channel or status in the
// filters or the grouping.
bool fleet_by_model(const UsageQuery& query) {
    return !query.bot_id && !query.status && !query.channel &&
           !groups_by(query, GroupKey::kBot) && !groups_by(query, GroupKey::kStatus) &&
           !groups_by(query, GroupKey::kChannel);
}

// The smallest rollup that can answer: anything about a bot reads bot_usage_hourly; the fleet
// by channel or status reads fleet_usage_hourly (about 1/500 of the rows for 500 bots); the
// fleet by time, provider and model reads fleet_model_hourly (a third of that again), and
// with_days its whole days from fleet_model_daily (1/24 of that again). The hours read are
// those from $3 to $4 outside the days $11 to $12 (an empty span when no day is read).
std::string rollup_sql(const UsageQuery& query, bool with_days) {
    const std::string model_filters =
        " AND ($6::text IS NULL OR model = $6) AND ($7::text IS NULL OR provider = $7)";
    const std::string other_filters =
        " AND ($8::text IS NULL OR status = $8) AND ($9::text IS NULL OR channel = $9)";
    const std::string measures = ", requests, input_tokens, output_tokens, total_tokens" +
                                 histogram_list("lat_bNN");
    // Names $10 (the zone) even when no day or hour is grouped, so every parameter has a type.
    // Two ranges rather than one with a hole, so each is an index range scan.
    const std::string hours =
        " WHERE ((hour_start >= $3::timestamptz AND hour_start < least($11::timestamptz, "
        "$4::timestamptz)) OR (hour_start >= greatest($12::timestamptz, $3::timestamptz) AND "
        "hour_start < $4::timestamptz)) AND $10::text IS NOT NULL";
    const std::string errors = ", CASE WHEN status <> 'success' THEN requests ELSE 0 END";
    if (query.bot_id || groups_by(query, GroupKey::kBot)) {
        return "SELECT hour_start AS t, bot_id, channel, provider, model, status" + errors +
               " AS errors" + measures + " FROM bot_usage_hourly" + hours +
               " AND ($5::text IS NULL OR bot_id = $5)" + model_filters + other_filters;
    }
    if (!fleet_by_model(query)) {
        return "SELECT hour_start AS t, ''::text AS bot_id, channel, provider, model, status" +
               errors + " AS errors" + measures + " FROM fleet_usage_hourly" + hours +
               model_filters + other_filters;
    }
    const std::string fleet_columns =
        " AS t, ''::text AS bot_id, ''::text AS channel, provider, model, ''::text AS status, "
        "errors" + measures;
    std::string sql = "SELECT hour_start" + fleet_columns + " FROM fleet_model_hourly" + hours +
                      model_filters;
    if (with_days) {
        sql += " UNION ALL SELECT day_start" + fleet_columns + " FROM fleet_model_daily"
               " WHERE day_start >= $11::timestamptz AND day_start < $12::timestamptz" +
               model_filters;
    }
    return sql;
}

// Whole hours from a rollup, the partial hours at either end from the raw rows, summed per
// group and provider/model (cost is priced per model, whatever the grouping).
std::string sums_sql(const UsageQuery& query, bool with_days) {
    const std::string filters =
        " AND ($6::text IS NULL OR model = $6) AND ($7::text IS NULL OR provider = $7)"
        " AND ($8::text IS NULL OR status = $8) AND ($9::text IS NULL OR channel = $9)";
    // The filters read the raw columns, where null means none, so a model filter never
    // matches a request without a model.
    std::string raw =
        "SELECT started_at, bot_id, channel, coalesce(provider, ''), coalesce(model, ''), "
        "status, (status <> 'success')::int, 1, input_tokens, output_tokens, total_tokens" +
        histogram_list("(nbdash_latency_bucket(latency_ms) = NN)::int") +
        " FROM bot_request_usage WHERE status <> 'running' AND ("
        "(started_at >= $1::timestamptz AND started_at < least($3::timestamptz, $2::timestamptz))"
        " OR (started_at >= greatest($4::timestamptz, $1::timestamptz) AND "
        "started_at < $2::timestamptz)) AND ($5::text IS NULL OR bot_id = $5)" + filters;
    std::string keys;
    std::string order;
    for (std::size_t i = 0; i < query.group_by.size(); ++i) {
        keys += key_sql(query.group_by[i]) + ", ";
        order += std::to_string(i + 1) + ", ";
    }
    std::size_t n = query.group_by.size();
    std::string provider_model = std::to_string(n + 1) + ", " + std::to_string(n + 2);
    return "WITH src AS (" + rollup_sql(query, with_days) + " UNION ALL " + raw + ") SELECT " + keys +
           "provider, model, sum(requests)::bigint, sum(errors)::bigint, "
           "sum(input_tokens)::bigint, sum(output_tokens)::bigint, sum(total_tokens)::bigint" +
           histogram_list("sum(lat_bNN)::bigint") + " FROM src GROUP BY " + order +
           provider_model + " ORDER BY " + order + provider_model;
}

usage::UsagePart to_part(const pqxx::row& row, std::size_t keys) {
    usage::UsagePart part;
    for (std::size_t i = 0; i < keys; ++i) part.keys.push_back(row[static_cast<int>(i)].c_str());
    int c = static_cast<int>(keys);
    part.provider = row[c].c_str();
    part.model = row[c + 1].c_str();
    part.sums.requests = row[c + 2].as<std::int64_t>();
    part.sums.errors = row[c + 3].as<std::int64_t>();
    part.sums.input_tokens = row[c + 4].as<std::int64_t>();
    part.sums.output_tokens = row[c + 5].as<std::int64_t>();
    part.sums.total_tokens = row[c + 6].as<std::int64_t>();
    for (std::size_t b = 0; b < usage::kLatencyBuckets; ++b) {
        part.sums.latency[b] = row[c + 7 + static_cast<int>(b)].as<std::int64_t>(0);
    }
    return part;
}

std::optional<std::string> bound_text(const std::optional<TimeBound>& bound) {
    if (!bound) return std::nullopt;
    return bound->text;
}

}  // namespace

UsageStore::UsageStore(Database& db) : db_(db) {
    // Ledger days are replaced as the bot wrote them; rows that did not change are left alone
    // so an import of an idle bot writes nothing.
    db_.prepare("usage_ledger_store",
                "INSERT INTO bot_usage_ledger AS l (bot_id, day, source, requests, "
                "prompt_tokens, completion_tokens, total_tokens, cached_tokens, model) "
                "SELECT $1, x.day, x.source, x.requests, x.prompt_tokens, x.completion_tokens, "
                "x.total_tokens, x.cached_tokens, nullif($2, '') "
                "FROM jsonb_to_recordset($3::jsonb) AS x(day date, source text, requests bigint, "
                "prompt_tokens bigint, completion_tokens bigint, total_tokens bigint, "
                "cached_tokens bigint) "
                "ON CONFLICT (bot_id, day, source) DO UPDATE SET requests = EXCLUDED.requests, "
                "prompt_tokens = EXCLUDED.prompt_tokens, "
                "completion_tokens = EXCLUDED.completion_tokens, "
                "total_tokens = EXCLUDED.total_tokens, cached_tokens = EXCLUDED.cached_tokens, "
                "model = EXCLUDED.model, imported_at = now() "
                "WHERE (l.requests, l.prompt_tokens, l.completion_tokens, l.total_tokens, "
                "l.cached_tokens, l.model) IS DISTINCT FROM (EXCLUDED.requests, "
                "EXCLUDED.prompt_tokens, EXCLUDED.completion_tokens, EXCLUDED.total_tokens, "
                "EXCLUDED.cached_tokens, EXCLUDED.model)");
    // $1/$2 first and last UTC day (inclusive), $3 bot or null, $4 by day, $5 by bot.
    db_.prepare("usage_sources",
                "WITH dash AS ("
                "  SELECT (hour_start AT TIME ZONE 'UTC')::date AS day, bot_id, provider, model,"
                "         sum(requests) AS r, sum(input_tokens) AS i, sum(output_tokens) AS o,"
                "         sum(total_tokens) AS t"
                "  FROM bot_usage_hourly"
                "  WHERE hour_start >= $1::date::timestamp AT TIME ZONE 'UTC'"
                "    AND hour_start < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'"
                "    AND ($3::text IS NULL OR bot_id = $3)"
                "  GROUP BY 1, 2, 3, 4),"
                " dash_day AS (SELECT day, bot_id, sum(r) AS r, sum(i) AS i, sum(o) AS o,"
                "  sum(t) AS t FROM dash GROUP BY 1, 2),"
                " ledger AS ("
                "  SELECT l.day, l.bot_id, l.source, coalesce(l.model, '') AS model,"
                "    CASE WHEN l.source = 'user' THEN greatest(l.requests - coalesce(d.r, 0), 0)"
                "         ELSE l.requests END AS r,"
                "    CASE WHEN l.source = 'user'"
                "         THEN greatest(l.prompt_tokens - coalesce(d.i, 0), 0)"
                "         ELSE l.prompt_tokens END AS i,"
                "    CASE WHEN l.source = 'user'"
                "         THEN greatest(l.completion_tokens - coalesce(d.o, 0), 0)"
                "         ELSE l.completion_tokens END AS o,"
                "    CASE WHEN l.source = 'user'"
                "         THEN greatest(l.total_tokens - coalesce(d.t, 0), 0)"
                "         ELSE l.total_tokens END AS t"
                "  FROM bot_usage_ledger l"
                "  LEFT JOIN dash_day d ON d.day = l.day AND d.bot_id = l.bot_id"
                "  WHERE l.day BETWEEN $1::date AND $2::date"
                "    AND ($3::text IS NULL OR l.bot_id = $3))"
                " SELECT CASE WHEN $4 THEN day::text ELSE '' END,"
                "  CASE WHEN $5 THEN bot_id ELSE '' END, source, provider, model,"
                "  sum(r)::bigint, sum(i)::bigint, sum(o)::bigint, sum(t)::bigint"
                " FROM (SELECT day, bot_id, 'dashboard' AS source, provider, model, r, i, o, t"
                "       FROM dash"
                "       UNION ALL SELECT day, bot_id, source, '', model, r, i, o, t FROM ledger) s"
                " GROUP BY 1, 2, 3, 4, 5 HAVING sum(r) > 0 OR sum(t) > 0"
                " ORDER BY 1, 2, 3, 4, 5");
}

boost::asio::awaitable<UsageSumsAnswer> UsageStore::sums(UsageQuery query) {
    return db_.run([query = std::move(query)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        pqxx::result range;
        try {
            range = tx.exec_params(range_sql(query), bound_text(query.from), bound_text(query.to),
                                   query.tz);
        } catch (const pqxx::data_exception& e) {
            std::string what = e.what();
            if (what.find("time zone") != std::string::npos) {
                throw ClientError("invalid_tz", "tz: unknown time zone '" + query.tz + "'");
            }
            throw ClientError("invalid_date", "from/to: not a real date or time");
        }
        const auto& r = range[0];
        double seconds = r[6].as<double>();
        if (seconds < 0) throw ClientError("invalid_range", "from is after to");
        if (seconds > 400.0 * 86400) {
            throw ClientError("invalid_range", "the range is longer than 400 days");
        }
        UsageSumsAnswer answer;
        answer.from = r[2].c_str();
        answer.to = r[3].c_str();
        answer.from_local_day = r[8].c_str();
        std::string from = r[0].c_str();
        std::string to = r[1].c_str();
        bool odd_offset = r[7].as<bool>();
        std::string rollup_from = odd_offset ? to : std::string(r[4].c_str());
        std::string rollup_to = odd_offset ? to : std::string(r[5].c_str());

        // Days serve the fleet by model over whole days; grouped by day, only in the zone
        // they were summed in.
        bool same_zone = r[12].as<bool>();
        bool with_days = r[9].as<bool>() && !odd_offset && fleet_by_model(query) &&
                         !groups_by(query, GroupKey::kHour) &&
                         (same_zone || !groups_by(query, GroupKey::kDay));
        std::string days_from = with_days ? std::string(r[10].c_str()) : rollup_to;
        std::string days_to = with_days ? std::string(r[11].c_str()) : rollup_to;

        auto rows = tx.exec_params(sums_sql(query, with_days), from, to, rollup_from, rollup_to,
                                   query.bot_id, query.model, query.provider, query.status,
                                   query.channel, query.tz, days_from, days_to);
        for (const auto& row : rows) answer.parts.push_back(to_part(row, query.group_by.size()));
        return answer;
    });
}

boost::asio::awaitable<bool> UsageStore::store_ledger(std::string bot_id, std::string model,
                                                      std::vector<usage::LedgerEntry> entries) {
    Json rows = Json::array();
    for (const auto& e : entries) {
        rows.push_back({{"day", e.day},
                        {"source", e.source},
                        {"requests", e.requests},
                        {"prompt_tokens", e.prompt_tokens},
                        {"completion_tokens", e.completion_tokens},
                        {"total_tokens", e.total_tokens},
                        {"cached_tokens", e.cached_tokens}});
    }
    return db_.run([bot_id = std::move(bot_id), model = std::move(model),
                    rows = dump_json(rows)](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_prepared("usage_ledger_store", bot_id, model, rows);
        tx.commit();
        return true;
    });
}

boost::asio::awaitable<std::vector<SourcesPart>> UsageStore::sources(SourcesQuery query) {
    return db_.run([query = std::move(query)](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<SourcesPart> parts;
        for (const auto& row : tx.exec_prepared("usage_sources", query.from_day, query.to_day,
                                                query.bot_id, query.by_day, query.by_bot)) {
            SourcesPart part;
            part.day = row[0].c_str();
            part.bot_id = row[1].c_str();
            part.source = row[2].c_str();
            part.provider = row[3].c_str();
            part.model = row[4].c_str();
            part.requests = row[5].as<std::int64_t>();
            part.input_tokens = row[6].as<std::int64_t>();
            part.output_tokens = row[7].as<std::int64_t>();
            part.total_tokens = row[8].as<std::int64_t>();
            parts.push_back(std::move(part));
        }
        return parts;
    });
}

}  // namespace nbdash::db
