import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';

import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import { listEvents, type EventPage } from '../api/eventsApi';
import { matchesFilters, type ActivityEvent, type EventFilters } from '../types';

export const eventKeys = {
  all: ['events'] as const,
  list: (filters: EventFilters) => ['events', 'list', filters] as const,
};

// The server says whether older events exist and where the next page starts.
function nextBeforeId(page: EventPage): number | undefined {
  return page.has_more && page.next_before_id != null ? page.next_before_id : undefined;
}

// Pages of events, newest first; older pages load by before_id. New events arrive over the
// "events" topic and are put at the top when they match the filters in use. The severity
// filter (which the server does not offer) is applied to the loaded events.
export function useEvents(filters: EventFilters, live: boolean) {
  const queryClient = useQueryClient();
  const key = eventKeys.list(filters);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => listEvents(filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: nextBeforeId,
  });

  useTopic(live ? 'events' : null, (frame: ServerFrame) => {
    if (frame.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
      return;
    }
    if (frame.type !== 'event') return;
    const event = frame.event as ActivityEvent | undefined;
    if (!event || typeof event.id !== 'number' || !matchesFilters(event, filters)) return;
    queryClient.setQueryData<InfiniteData<EventPage, number | undefined>>(key, (data) => {
      if (!data || data.pages.some((page) => page.events.some((item) => item.id === event.id))) {
        return data;
      }
      const [first, ...rest] = data.pages;
      return { ...data, pages: [{ ...first, events: [event, ...(first?.events ?? [])] }, ...rest] };
    });
  });

  const events = (query.data?.pages ?? [])
    .flatMap((page) => page.events)
    .filter((event) => matchesFilters(event, { severity: filters.severity }));
  return { ...query, events };
}
