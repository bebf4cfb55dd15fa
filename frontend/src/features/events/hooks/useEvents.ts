import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';

import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import { kEventPageSize, listEvents } from '../api/eventsApi';
import { matchesFilters, type ActivityEvent, type EventFilters } from '../types';

export const eventKeys = {
  all: ['events'] as const,
  list: (filters: EventFilters) => ['events', 'list', filters] as const,
};

// Pages of events, newest first; older pages load by before_id. New events arrive over the
// fleet topic and are put at the top when they match the filters in use.
export function useEvents(filters: EventFilters, live: boolean) {
  const queryClient = useQueryClient();
  const key = eventKeys.list(filters);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => listEvents(filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) =>
      last.length < kEventPageSize ? undefined : last[last.length - 1]?.id,
  });

  useTopic(live ? 'fleet' : null, (frame: ServerFrame) => {
    if (frame.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
      return;
    }
    if (frame.type !== 'event') return;
    const event = frame.event as ActivityEvent | undefined;
    if (!event || typeof event.id !== 'number' || !matchesFilters(event, filters)) return;
    queryClient.setQueryData<InfiniteData<ActivityEvent[], number | undefined>>(key, (data) => {
      if (!data || data.pages.some((page) => page.some((item) => item.id === event.id))) {
        return data;
      }
      const [first = [], ...rest] = data.pages;
      return { ...data, pages: [[event, ...first], ...rest] };
    });
  });

  return query;
}
