import { useQueryClient } from '@tanstack/react-query';

import { logger } from '@/lib/logger';
import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import type { Bot } from '../types';

import { botKeys, putBot } from './botCache';

// Keeps every bot query live from the "fleet" topic: a bot_status frame replaces that bot in
// the cache; a resync (frames dropped, or the socket reconnected) reloads all bots.
export function useFleetLive(enabled = true): void {
  const queryClient = useQueryClient();

  useTopic(enabled ? 'fleet' : null, (frame: ServerFrame) => {
    if (frame.type === 'bot_status') {
      const bot = frame.bot as Bot | undefined;
      if (bot && typeof bot.id === 'string') {
        putBot(queryClient, bot);
      } else {
        logger.warn('bot_status frame without a bot');
      }
    } else if (frame.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey: botKeys.all });
    }
  });
}
