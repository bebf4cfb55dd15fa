import { useQuery, useQueryClient } from '@tanstack/react-query';

import { getBot, listBots } from '../api/botsApi';
import type { Bot } from '../types';

import { botKeys } from './botCache';

export function useBots() {
  return useQuery({
    queryKey: botKeys.list(),
    queryFn: ({ signal }) => listBots(signal),
  });
}

export function useBot(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: botKeys.detail(id),
    queryFn: ({ signal }) => getBot(id, signal),
    // A bot already in the fleet list shows at once while its own request runs.
    initialData: () => queryClient.getQueryData<Bot[]>(botKeys.list())?.find((b) => b.id === id),
    initialDataUpdatedAt: () => queryClient.getQueryState(botKeys.list())?.dataUpdatedAt,
    meta: { handlesErrors: true },
  });
}
