// The figures GET /api/usage reports for one group (a row) or for the whole range (totals).
export type CostStatus = 'known' | 'partial' | 'unknown';

export interface UsageFigures {
  requests: number;
  errors: number;
  error_rate: number | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  // null exactly when cost_status is "unknown": an unpriced model is never counted as free.
  cost: number | null;
  // known: every token priced; partial: cost covers the priced models only.
  cost_status: CostStatus;
  unpriced_tokens: number;
}

// One row: the figures of one combination of the group_by keys. A key is present only when
// grouped by it; model is null when the bot reported none.
export interface UsageRow extends UsageFigures {
  day?: string;
  hour?: string;
  bot_id?: string;
  model?: string | null;
  provider?: string | null;
  status?: string;
  channel?: string | null;
}

export interface UsageReport {
  from: string;
  to: string;
  tz: string;
  group_by: string[];
  currency: string;
  rows: UsageRow[];
  totals: UsageFigures;
}

export interface UsageFilters {
  from: string;
  to: string;
  bot_id?: string;
  model?: string;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;
const maybeNum = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function costStatus(value: unknown, cost: number | null): CostStatus {
  if (value === 'known' || value === 'partial' || value === 'unknown') return value;
  return cost === null ? 'unknown' : 'known';
}

// Fills in what a row may leave out (no latency yet, cost unknown) so the page needs one shape.
export function readFigures(raw: Record<string, unknown>): UsageFigures {
  const input = num(raw.input_tokens);
  const output = num(raw.output_tokens);
  const requests = num(raw.requests);
  const errors = num(raw.errors);
  const status = costStatus(raw.cost_status, maybeNum(raw.cost));
  return {
    requests,
    errors,
    error_rate: maybeNum(raw.error_rate) ?? (requests > 0 ? errors / requests : null),
    input_tokens: input,
    output_tokens: output,
    total_tokens: maybeNum(raw.total_tokens) ?? input + output,
    latency_p50_ms: maybeNum(raw.latency_p50_ms),
    latency_p95_ms: maybeNum(raw.latency_p95_ms),
    cost: status === 'unknown' ? null : maybeNum(raw.cost),
    cost_status: status,
    unpriced_tokens: num(raw.unpriced_tokens),
  };
}

const kKeys = ['day', 'hour', 'bot_id', 'model', 'provider', 'status', 'channel'] as const;

export function readRow(raw: Record<string, unknown>): UsageRow {
  const keys: Record<string, string | null> = {};
  for (const key of kKeys) {
    const value = raw[key];
    if (typeof value === 'string' || value === null) keys[key] = value;
  }
  return { ...readFigures(raw), ...keys };
}

// The cost of several groups together: unknown only if none is priced, partial if some are.
export function combineCost(items: Array<Pick<UsageFigures, 'cost' | 'cost_status'>>): {
  cost: number | null;
  cost_status: CostStatus;
} {
  let cost = 0;
  let priced = 0;
  let unpriced = 0;
  for (const item of items) {
    if (item.cost !== null) cost += item.cost;
    if (item.cost_status === 'known') priced += 1;
    else if (item.cost_status === 'unknown') unpriced += 1;
    else {
      priced += 1;
      unpriced += 1;
    }
  }
  if (priced === 0 && unpriced > 0) return { cost: null, cost_status: 'unknown' };
  return { cost, cost_status: unpriced > 0 ? 'partial' : 'known' };
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
