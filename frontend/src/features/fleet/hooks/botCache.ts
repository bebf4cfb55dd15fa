import type { QueryClient } from '@tanstack/react-query';

import type { Bot, BotStats } from '../types';

export const botKeys = {
  all: ['bots'] as const,
  list: () => ['bots', 'list'] as const,
  detail: (id: string) => ['bots', 'detail', id] as const,
};

// A status frame and the answer to the request that caused it can arrive in either order;
// updated_at (ISO 8601 UTC with microseconds, so it sorts as text) says which is newer.
function isStale(incoming: Bot, cached: Bot | undefined): boolean {
  return cached !== undefined && incoming.updated_at < cached.updated_at;
}

// Writes one bot into the list (kept ordered by id, as the server sends it) and its detail
// entry, so a status frame or a 202 answer updates every view without a refetch.
export function putBot(queryClient: QueryClient, bot: Bot): void {
  queryClient.setQueryData<Bot[]>(botKeys.list(), (bots) => {
    if (!bots) return bots;
    const index = bots.findIndex((item) => item.id === bot.id);
    if (index >= 0) {
      if (isStale(bot, bots[index])) return bots;
      const next = bots.slice();
      next[index] = bot;
      return next;
    }
    return [...bots, bot].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
  queryClient.setQueryData<Bot>(botKeys.detail(bot.id), (cached) =>
    isStale(bot, cached) ? cached : bot,
  );
}

export function removeBot(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<Bot[]>(botKeys.list(), (bots) => bots?.filter((bot) => bot.id !== id));
  queryClient.removeQueries({ queryKey: botKeys.detail(id) });
}

// Applies many resource samples in one pass over the list: with a thousand bots sampled every
// few seconds, one cache write per frame would copy the list a thousand times.
export function putStats(queryClient: QueryClient, samples: ReadonlyMap<string, BotStats>): void {
  if (samples.size === 0) return;
  queryClient.setQueryData<Bot[]>(botKeys.list(), (bots) =>
    bots?.map((bot) => {
      const stats = samples.get(bot.id);
      return stats ? { ...bot, stats } : bot;
    }),
  );
  for (const [id, stats] of samples) {
    queryClient.setQueryData<Bot>(botKeys.detail(id), (cached) =>
      cached ? { ...cached, stats } : cached,
    );
  }
}
