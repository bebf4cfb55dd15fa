import { api } from '@/lib/apiClient';

import type { ActivityEvent, EventFilters } from '../types';

export const kEventPageSize = 50;

export async function listEvents(
  filters: EventFilters,
  beforeId: number | undefined,
  signal?: AbortSignal,
): Promise<ActivityEvent[]> {
  const body = await api.get<{ events: ActivityEvent[] }>('/api/events', {
    signal,
    query: { ...filters, before_id: beforeId, limit: kEventPageSize },
  });
  return body.events;
}
