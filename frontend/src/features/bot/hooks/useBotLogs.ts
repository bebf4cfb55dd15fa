import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import { fetchLogTail, type LogLine } from '../api/logsApi';

// Lines fetched when the tab opens, and the most the tab keeps while following (older lines
// drop off the top so a chatty bot cannot grow the page without bound).
export const kInitialTail = 500;
export const kMaxLines = 5000;

function appendBounded(lines: LogLine[], added: LogLine[]): LogLine[] {
  const next = lines.concat(added);
  return next.length > kMaxLines ? next.slice(next.length - kMaxLines) : next;
}

// The bot's recent output, then every new line from the "logs:<id>" topic. Lines that arrive
// while the first tail is loading are kept and appended after it; a line written in that short
// window may then show twice, which a log view can live with.
export function useBotLogs(botId: string, paused: boolean) {
  const tail = useQuery({
    queryKey: ['bots', 'logs', botId],
    queryFn: ({ signal }) => fetchLogTail(botId, kInitialTail, signal),
    staleTime: Infinity,
    gcTime: 0,
    meta: { handlesErrors: true },
    retry: false,
  });
  const [lines, setLines] = useState<LogLine[]>([]);
  const pending = useRef<LogLine[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    if (!tail.data) return;
    setLines(appendBounded(tail.data.lines ?? [], pending.current));
    pending.current = [];
  }, [tail.data]);

  useTopic(tail.isError ? null : `logs:${botId}`, (frame: ServerFrame) => {
    if (frame.type === 'resync') {
      pending.current = [];
      void tail.refetch();
      return;
    }
    if (frame.type !== 'log_line') return;
    const line: LogLine = {
      stream: String(frame.stream ?? 'stdout'),
      text: String(frame.text ?? ''),
      time: typeof frame.time === 'string' ? frame.time : null,
    };
    // While paused (or before the tail is in) lines wait, so the view holds still.
    if (!tail.data || pausedRef.current) {
      pending.current = appendBounded(pending.current, [line]);
      return;
    }
    setLines((current) => appendBounded(current, [line]));
  });

  // Un-pausing shows what arrived in the meantime.
  useEffect(() => {
    if (paused || !tail.data || pending.current.length === 0) return;
    const waiting = pending.current;
    pending.current = [];
    setLines((current) => appendBounded(current, waiting));
  }, [paused, tail.data]);

  return { lines, tail };
}
