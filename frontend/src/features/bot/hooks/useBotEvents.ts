import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';

import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import {
  listBotEvents,
  nextEventCursor,
  type BotEvent,
  type EventFilter,
  type EventPage,
} from '../api/eventsApi';

type EventPages = InfiniteData<EventPage, number | undefined>;

// The bot's events, newest first, a page at a time; new events of this bot arrive on the fleet
// topic and go on top of the first page when they match the filter.
export function useBotEvents(botId: string, filter: EventFilter) {
  const queryClient = useQueryClient();
  const queryKey = ['events', 'bot', botId, filter.type ?? '', filter.q ?? ''] as const;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => listBotEvents(botId, filter, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: nextEventCursor,
    meta: { handlesErrors: true },
    staleTime: 0,
  });

  useTopic('fleet', (frame: ServerFrame) => {
    if (frame.type === 'resync') {
      void query.refetch();
      return;
    }
    if (frame.type !== 'event') return;
    const event = frame.event as BotEvent | undefined;
    if (!event || event.bot_id !== botId) return;
    if (filter.type && !filter.type.split(',').includes(event.event_type)) return;
    if (filter.q && !(event.detail ?? '').toLowerCase().includes(filter.q.toLowerCase())) return;
    queryClient.setQueryData<EventPages>(queryKey, (data) => {
      if (!data || data.pages.length === 0) return data;
      if (data.pages.some((page) => page.events.some((item) => item.id === event.id))) return data;
      const [first, ...rest] = data.pages;
      return { ...data, pages: [{ ...first, events: [event, ...first.events] }, ...rest] };
    });
  });

  const events = useMemo(() => query.data?.pages.flatMap((page) => page.events) ?? [], [query.data]);
  return { ...query, events };
}
