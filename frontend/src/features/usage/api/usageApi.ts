import { api } from '@/lib/apiClient';

import type { SourceReport, SourceRow } from '../sources';
import { readFigures, readRow, type UsageFilters, type UsageReport } from '../types';

export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type RawRow = Record<string, unknown>;

interface RawReport {
  from: string;
  to: string;
  tz?: string;
  group_by?: string[];
  currency?: string;
  rows?: RawRow[];
  totals?: RawRow;
}

export async function getUsage(
  filters: UsageFilters,
  groupBy: string,
  signal?: AbortSignal,
): Promise<UsageReport> {
  const body = await api.get<RawReport>('/api/usage', {
    signal,
    query: { ...filters, group_by: groupBy, tz: timeZone() },
  });
  return {
    from: body.from,
    to: body.to,
    tz: body.tz ?? timeZone(),
    group_by: body.group_by ?? [],
    currency: body.currency ?? 'USD',
    rows: (body.rows ?? []).map(readRow),
    totals: readFigures(body.totals ?? {}),
  };
}

// The same rows as a CSV download; the link carries the session cookie like any page request.
export function usageCsvUrl(filters: UsageFilters, groupBy: string): string {
  const params = new URLSearchParams({ group_by: groupBy, tz: timeZone(), format: 'csv' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/usage?${params.toString()}`;
}

export interface SourceQuery {
  // Dates YYYY-MM-DD; `to` is inclusive here, unlike /api/usage.
  from: string;
  to: string;
  bot_id?: string;
  // "day", "bot", "day,bot" or empty for one row per source.
  group_by?: string;
}

export async function getUsageSources(
  query: SourceQuery,
  signal?: AbortSignal,
): Promise<SourceReport> {
  const body = await api.get<{ from: string; to: string; currency?: string; rows?: RawRow[] }>(
    '/api/usage/sources',
    { signal, query: { ...query } },
  );
  const rows: SourceRow[] = (body.rows ?? []).map((raw) => {
    const figures = readFigures(raw);
    return {
      day: typeof raw.day === 'string' ? raw.day : undefined,
      bot_id: typeof raw.bot_id === 'string' ? raw.bot_id : undefined,
      source: typeof raw.source === 'string' ? raw.source : 'system',
      requests: figures.requests,
      input_tokens: figures.input_tokens,
      output_tokens: figures.output_tokens,
      total_tokens: figures.total_tokens,
      cost: figures.cost,
      cost_status: figures.cost_status,
    };
  });
  return { from: body.from, to: body.to, currency: body.currency ?? 'USD', rows };
}
