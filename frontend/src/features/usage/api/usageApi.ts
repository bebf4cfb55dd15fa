import { api } from '@/lib/apiClient';

import { normaliseRow, type UsageFilters, type UsageRow } from '../types';

export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export interface UsageAnswer {
  rows: UsageRow[];
  currency: string;
}

export async function getUsage(
  filters: UsageFilters,
  groupBy: string,
  signal?: AbortSignal,
): Promise<UsageAnswer> {
  const body = await api.get<{ rows: Record<string, unknown>[]; currency?: string }>('/api/usage', {
    signal,
    query: { ...filters, group_by: groupBy, tz: timeZone() },
  });
  return { rows: (body.rows ?? []).map(normaliseRow), currency: body.currency ?? 'USD' };
}

export function usageCsvUrl(filters: UsageFilters, groupBy: string): string {
  const params = new URLSearchParams({ group_by: groupBy, tz: timeZone(), format: 'csv' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/usage?${params.toString()}`;
}
