import type { CostStatus } from './types';

// Where a bot's spend came from (GET /api/usage/sources).
export const kSources = ['dashboard', 'user', 'api', 'cron', 'dream', 'system'] as const;

export interface SourceRow {
  day?: string;
  bot_id?: string;
  source: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number | null;
  cost_status: CostStatus;
}

export interface SourceReport {
  from: string;
  to: string;
  currency: string;
  rows: SourceRow[];
}

// Sources in the documented order, then any the server adds later, by name.
export function sourceOrder(rows: SourceRow[]): string[] {
  const known: string[] = kSources.filter((source) => rows.some((row) => row.source === source));
  const extra = Array.from(new Set(rows.map((row) => row.source)))
    .filter((source) => !(kSources as readonly string[]).includes(source))
    .sort();
  return [...known, ...extra];
}
