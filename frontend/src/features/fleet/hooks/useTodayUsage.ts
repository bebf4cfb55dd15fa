import { useQuery } from '@tanstack/react-query';

import { isMissingApi } from '@/lib/missingApi';
import { api } from '@/lib/apiClient';

export interface BotDayUsage {
  requests: number;
  tokens: number;
}

interface FleetTodayBody {
  bots: Array<{ bot_id: string; requests?: number; total_tokens?: number }>;
}

// Today's requests and tokens of every bot in one request, so the fleet table never asks once
// per row; bots without a request today are absent and show 0. Refreshed every minute; a
// server without the usage API leaves the column empty.
export function useTodayUsage() {
  const query = useQuery({
    queryKey: ['usage', 'fleet-today'],
    queryFn: async ({ signal }) => {
      const body = await api.get<FleetTodayBody>('/api/usage/fleet-today', {
        signal,
        query: { tz: Intl.DateTimeFormat().resolvedOptions().timeZone },
      });
      const byBot = new Map<string, BotDayUsage>();
      for (const row of body.bots ?? []) {
        byBot.set(row.bot_id, { requests: row.requests ?? 0, tokens: row.total_tokens ?? 0 });
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
