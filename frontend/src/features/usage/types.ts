// One row of GET /api/usage: the sums for one combination of the group_by keys.
export interface UsageRow {
  day?: string;
  model?: string;
  bot_id?: string;
  provider?: string;
  requests: number;
  errors: number;
  tokens: number;
  input_tokens: number;
  output_tokens: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  cost: number | null;
  // known: every token priced; partial: cost covers priced models only; unknown: cost is null.
  cost_status: string;
}

export interface UsageFilters {
  from: string;
  to: string;
  bot_id?: string;
  model?: string;
}

type RawRow = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const maybeNum = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value === null ? undefined : value === undefined ? undefined : String(value);

// Reads a row whatever the server calls its token and latency fields (total or split tokens,
// latency in ms under either name), so the charts need one shape only.
export function normaliseRow(raw: RawRow): UsageRow {
  const input = num(raw.input_tokens ?? raw.prompt_tokens);
  const output = num(raw.output_tokens ?? raw.completion_tokens);
  const total = maybeNum(raw.total_tokens) ?? maybeNum(raw.tokens) ?? input + output;
  return {
    day: str(raw.day ?? raw.date ?? raw.bucket),
    model: str(raw.model),
    bot_id: str(raw.bot_id),
    provider: str(raw.provider),
    requests: num(raw.requests),
    errors: num(raw.errors),
    tokens: total,
    input_tokens: input,
    output_tokens: output,
    latency_p50_ms: maybeNum(raw.latency_p50_ms ?? raw.p50_ms ?? raw.latency_p50),
    latency_p95_ms: maybeNum(raw.latency_p95_ms ?? raw.p95_ms ?? raw.latency_p95),
    cost: maybeNum(raw.cost ?? raw.cost_usd),
    cost_status: str(raw.cost_status) ?? (raw.cost === null ? 'unknown' : 'known'),
  };
}

export interface UsageTotals {
  requests: number;
  errors: number;
  tokens: number;
  cost: number;
  costIncomplete: boolean;
}

export function sumRows(rows: UsageRow[]): UsageTotals {
  const totals: UsageTotals = { requests: 0, errors: 0, tokens: 0, cost: 0, costIncomplete: false };
  for (const row of rows) {
    totals.requests += row.requests;
    totals.errors += row.errors;
    totals.tokens += row.tokens;
    if (row.cost !== null) totals.cost += row.cost;
    if (row.requests > 0 && row.cost_status !== 'known') totals.costIncomplete = true;
  }
  return totals;
}

// Stacked series: one per key (model or bot), the biggest `limit` kept and the rest summed as
// "other", so a fleet of a thousand bots still draws a readable chart.
export function stackSeries(
  rows: UsageRow[],
  days: string[],
  keyOf: (row: UsageRow) => string,
  valueOf: (row: UsageRow) => number,
  limit: number,
  otherLabel: string,
): Array<{ name: string; data: number[] }> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + valueOf(row));
  const ranked = Array.from(totals.entries()).sort((a, b) => b[1] - a[1]);
  const kept = new Set(ranked.slice(0, limit).map(([key]) => key));
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const index = dayIndex.get(row.day ?? '');
    if (index === undefined) continue;
    const name = kept.has(keyOf(row)) ? keyOf(row) : otherLabel;
    const data = series.get(name) ?? new Array<number>(days.length).fill(0);
    data[index] += valueOf(row);
    series.set(name, data);
  }
  return Array.from(series.entries()).map(([name, data]) => ({ name, data }));
}
