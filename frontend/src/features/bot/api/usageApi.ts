import { api } from '@/lib/apiClient';

export interface UsageFigures {
  requests: number;
  errors: number;
  error_rate?: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  latency_p50_ms?: number | null;
  latency_p95_ms?: number | null;
  cost?: number | null;
  cost_status?: 'known' | 'partial' | 'unknown' | string;
}

export interface UsageRow extends UsageFigures {
  day?: string;
  model?: string | null;
}

export interface UsageReport {
  from: string;
  to: string;
  currency?: string;
  rows: UsageRow[];
  totals: UsageFigures;
}

export function getBotUsage(botId: string, days: number, signal?: AbortSignal) {
  const now = new Date();
  const from = new Date(now.getTime() - days * 24 * 3600 * 1000);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return api.get<UsageReport>('/api/usage', {
    query: {
      bot_id: botId,
      group_by: 'day,model',
      from: from.toISOString(),
      to: now.toISOString(),
      tz,
    },
    signal,
  });
}
