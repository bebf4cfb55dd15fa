import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { logger } from '@/lib/logger';
import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import type { Bot, BotStats } from '../types';

import { botKeys, putBot, putStats } from './botCache';

// Resource samples arrive for every running bot every few seconds; they are gathered and
// written to the cache together at most this often.
const kStatsFlushMs = 1000;

// Keeps every bot query live from the "fleet" topic: a bot_status frame replaces that bot in
// the cache; bot_stats frames update its resource use; a resync (frames dropped, or the socket
// reconnected) reloads all bots.
export function useFleetLive(enabled = true): void {
  const queryClient = useQueryClient();
  const pending = useRef(new Map<string, BotStats>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  useTopic(enabled ? 'fleet' : null, (frame: ServerFrame) => {
    if (frame.type === 'bot_status') {
      const bot = frame.bot as Bot | undefined;
      if (bot && typeof bot.id === 'string') {
        putBot(queryClient, bot);
      } else {
        logger.warn('bot_status frame without a bot');
      }
    } else if (frame.type === 'bot_stats') {
      const id = frame.bot_id;
      const stats = frame.stats as BotStats | null | undefined;
      if (typeof id !== 'string' || !stats) return;
      pending.current.set(id, stats);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        const samples = pending.current;
        pending.current = new Map();
        putStats(queryClient, samples);
      }, kStatsFlushMs);
    } else if (frame.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey: botKeys.all });
    }
  });
}
