import { useQuery } from '@tanstack/react-query';

import { isMissingApi } from '@/components/NotAvailable';
import { api } from '@/lib/apiClient';

export interface BotDayUsage {
  requests: number;
  tokens: number;
  last_request_at: string | null;
}

interface UsageRow {
  bot_id?: string;
  requests?: number;
  tokens?: number;
  total_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  last_request_at?: string | null;
}

function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

function rowTokens(row: UsageRow): number {
  return row.total_tokens ?? row.tokens ?? (row.input_tokens ?? 0) + (row.output_tokens ?? 0);
}

// Today's requests and tokens of every bot in one request (grouped by bot on the server), so the
// fleet table never asks once per row. Refreshed every minute; a server without the usage API
// leaves the columns empty.
export function useTodayUsage() {
  const query = useQuery({
    queryKey: ['usage', 'today-by-bot'],
    queryFn: async ({ signal }) => {
      const body = await api.get<{ rows: UsageRow[] }>('/api/usage', {
        signal,
        query: {
          from: startOfToday(),
          group_by: 'bot',
          tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      });
      const byBot = new Map<string, BotDayUsage>();
      for (const row of body.rows ?? []) {
        if (!row.bot_id) continue;
        byBot.set(row.bot_id, {
          requests: row.requests ?? 0,
          tokens: rowTokens(row),
          last_request_at: row.last_request_at ?? null,
        });
      }
      return byBot;
    },
    refetchInterval: 60_000,
    retry: false,
    meta: { handlesErrors: true },
  });
  return {
    usage: query.data,
    unavailable: query.isError && isMissingApi(query.error),
  };
}
