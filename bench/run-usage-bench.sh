#!/usr/bin/env bash
# Usage report benchmark on a private PostgreSQL cluster and nbdash, everything on 127.0.0.1:
# BENCH_ROWS (5,000,000) usage rows across BENCH_BOTS (500) bots over BENCH_DAYS (365) days
# are generated (bench/usage/generate-usage.sql), then each question is asked BENCH_RUNS (30)
# times through GET /api/usage and as a hand-written SQL query on the rollup (psql), in turns,
# and the p50/p95 of both and their ratio are printed:
#   fleet_year  group_by=day,model over the whole year, every bot (tz Asia/Shanghai, which is
#               also the report zone), against SQL on the daily rollup, then on the hourly one
#   bot_month   group_by=day,model over 30 days for one bot
# Needs a built tree (NBDASH_BUILD_DIR, default ./build). BENCH_DATABASE_URL names a database
# already filled by bench/usage/generate-usage.sql (generation takes minutes): it is then used
# as it is, and only nbdash is started.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
runs=${BENCH_RUNS:-30}
# shellcheck source=bench/lib/bench-server.sh
source "$top/bench/lib/bench-server.sh"

timeout 900 cmake --build "$build_dir" --target nbdash -j2 >/dev/null
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    bench_use_work_dir usage
    export NBDASH_DATABASE_URL=$BENCH_DATABASE_URL
    # The database may hold another admin password; the bench signs in with its own.
    NBDASH_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD "$build_dir/backend/nbdash" \
        reset-admin-password >/dev/null
    echo "machine: $(nproc) cores, $(uname -r); using the rows already in BENCH_DATABASE_URL"
else
    bench_start_cluster usage
    echo "machine: $(nproc) cores, $(uname -r); generating ${BENCH_ROWS:-5000000} rows"
    SECONDS=0
    psql "$NBDASH_DATABASE_URL" -X -q -v rows="${BENCH_ROWS:-5000000}" \
        -v bots="${BENCH_BOTS:-500}" -v days="${BENCH_DAYS:-365}" \
        -f "$top/bench/usage/generate-usage.sql" | grep -E "^ *[0-9]" | tail -n 2
    echo "generated and rolled up in ${SECONDS}s"
fi
tz=Asia/Shanghai
# The operator's setup the reports are measured under: days in their zone, and no purge of the
# year's raw rows while the bench runs (the default keeps 90 days).
psql "$NBDASH_DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -c "UPDATE sys_setting SET value_json =
    to_jsonb('$tz'::text) WHERE key = 'usage.report_time_zone'" -c "UPDATE sys_setting SET
    value_json = '0' WHERE key = 'retention.usage_days'"
psql "$NBDASH_DATABASE_URL" -X -t -A -F ' ' -c "SELECT 'raw rows', count(*) FROM
    bot_request_usage UNION ALL SELECT 'bots', count(DISTINCT bot_id) FROM bot_usage_hourly
    UNION ALL SELECT 'daily rollup rows', count(*) FROM fleet_model_daily"
bench_start_nbdash "$build_dir/backend/nbdash"

year_from=$(psql "$NBDASH_DATABASE_URL" -X -t -A -c \
    "SELECT to_char((date_trunc('hour', now()) - interval '365 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
month_from=$(psql "$NBDASH_DATABASE_URL" -X -t -A -c \
    "SELECT to_char((date_trunc('hour', now()) - interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
to=$(psql "$NBDASH_DATABASE_URL" -X -t -A -c \
    "SELECT to_char(date_trunc('hour', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")

hist="sum(lat_b00), sum(lat_b01), sum(lat_b02), sum(lat_b03), sum(lat_b04), sum(lat_b05),
      sum(lat_b06), sum(lat_b07), sum(lat_b08), sum(lat_b09), sum(lat_b10), sum(lat_b11),
      sum(lat_b12), sum(lat_b13), sum(lat_b14), sum(lat_b15)"
# The hand-written baselines: the same figures (counts, errors, tokens, latency histogram) per
# local day and model, straight from a rollup, with nothing around them.
measures="sum(requests), sum(errors), sum(input_tokens), sum(output_tokens), sum(total_tokens),
          $hist"
hourly_sql() {  # table, extra condition, from
    local errors="CASE WHEN status <> 'success' THEN requests ELSE 0 END"
    [ "$1" = fleet_model_hourly ] && errors=errors
    echo "SELECT to_char(hour_start AT TIME ZONE '$tz', 'YYYY-MM-DD') AS day, provider, model,
          requests, $errors AS errors, input_tokens, output_tokens, total_tokens, lat_b00,
          lat_b01, lat_b02, lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, lat_b08, lat_b09,
          lat_b10, lat_b11, lat_b12, lat_b13, lat_b14, lat_b15 FROM $1
          WHERE hour_start >= '$3' AND hour_start < '$to' $2"
}
by_day_sql() {  # a query yielding day, provider, model and the measures per row
    echo "SELECT day, provider, model, $measures FROM ($1) s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;"
}
# The year from the daily rollup for its whole days and the hourly one for the hours at
# either end.
days_sql() {  # from
    local days="day_start >= date_trunc('day', '$1'::timestamptz + interval '1 day', '$tz')
                AND day_start < date_trunc('day', '$to'::timestamptz, '$tz')"
    echo "SELECT to_char(day_start AT TIME ZONE '$tz', 'YYYY-MM-DD') AS day, provider, model,
          requests, errors, input_tokens, output_tokens, total_tokens, lat_b00, lat_b01,
          lat_b02, lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, lat_b08, lat_b09, lat_b10,
          lat_b11, lat_b12, lat_b13, lat_b14, lat_b15 FROM fleet_model_daily WHERE $days
          UNION ALL $(hourly_sql fleet_model_hourly "AND (hour_start < date_trunc('day',
          '$1'::timestamptz + interval '1 day', '$tz') OR hour_start >= date_trunc('day',
          '$to'::timestamptz, '$tz'))" "$1")"
}

# Prints the times in ms of $runs runs of the API question and of the SQL, interleaved.
measure() {  # name, query string, baseline SQL
    local api_times=() sql_times=() i
    local sql=$3
    for ((i = 0; i < runs + 3; i++)); do
        local api_ms sql_ms
        api_ms=$(bench_curl -o /dev/null -w '%{time_total}' \
            "http://127.0.0.1:$BENCH_PORT/api/usage?$2" | awk '{printf "%.2f", $1 * 1000}')
        sql_ms=$({ echo '\timing on'; echo "$sql"; } |
            psql "$NBDASH_DATABASE_URL" -X -q -o /dev/null | awk '/^Time:/ {print $2}')
        # The first three of each are warm-up.
        if ((i >= 3)); then api_times+=("$api_ms"); sql_times+=("$sql_ms"); fi
    done
    printf '%s\n' "${api_times[@]}" | sort -n >"$BENCH_WORK/$1.api"
    printf '%s\n' "${sql_times[@]}" | sort -n >"$BENCH_WORK/$1.sql"
    local p50=$(( (runs + 1) / 2 )) p95=$(( (runs * 95 + 99) / 100 ))
    local a50 a95 s50 s95
    a50=$(sed -n "${p50}p" "$BENCH_WORK/$1.api"); a95=$(sed -n "${p95}p" "$BENCH_WORK/$1.api")
    s50=$(sed -n "${p50}p" "$BENCH_WORK/$1.sql"); s95=$(sed -n "${p95}p" "$BENCH_WORK/$1.sql")
    awk -v n="$1" -v a50="$a50" -v a95="$a95" -v s50="$s50" -v s95="$s95" -v r="$runs" 'BEGIN {
        printf "%-10s api p50 %7.1f ms  p95 %7.1f ms | sql on rollup p50 %7.1f ms  p95 %7.1f ms | ratio p95 %.2fx (%d runs)\n",
            n, a50, a95, s50, s95, a95 / s95, r }'
}

bench_sign_in
# The totals come last in the answer (its keys are sorted), so the last count is the year's.
total=$(bench_curl "http://127.0.0.1:$BENCH_PORT/api/usage?group_by=day,model&from=$year_from&to=$to&tz=$tz" |
    grep -o '"requests":[0-9]*' | sed -n '$s/.*://p')
echo "requests in the year report: $total"
measure fleet_year "group_by=day,model&from=$year_from&to=$to&tz=$tz" \
    "$(by_day_sql "$(days_sql "$year_from")")"
echo "           (sql: the daily rollup for whole days, the hourly one at either end)"
measure fleet_year "group_by=day,model&from=$year_from&to=$to&tz=$tz" \
    "$(by_day_sql "$(hourly_sql fleet_model_hourly "" "$year_from")")"
echo "           (sql: the hourly rollup alone)"
measure bot_month "group_by=day,model&bot_id=bot-042&from=$month_from&to=$to&tz=$tz" \
    "$(by_day_sql "$(hourly_sql bot_usage_hourly "AND bot_id = 'bot-042'" "$month_from")")"
