import { useMutation, useQueryClient } from '@tanstack/react-query';

import { putBot } from '@/features/fleet/hooks/botCache';
import type { Bot } from '@/features/fleet/types';
import { api } from '@/lib/apiClient';

import { botPath } from '../api/routeSupport';

export function useRestartBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (botId: string) => api.post<Bot>(`${botPath(botId)}/restart`),
    onSuccess: (bot) => putBot(queryClient, bot),
  });
}
