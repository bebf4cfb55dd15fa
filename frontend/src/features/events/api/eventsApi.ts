import { api } from '@/lib/apiClient';

import type { ActivityEvent, EventFilters } from '../types';

export const kEventPageSize = 50;

export interface EventPage {
  events: ActivityEvent[];
  has_more: boolean;
  next_before_id: number | null;
}

// Severity is not a server filter; the page applies it to what it loaded (see useEvents).
export function listEvents(
  filters: EventFilters,
  beforeId: number | undefined,
  signal?: AbortSignal,
): Promise<EventPage> {
  const { severity: _severity, ...serverFilters } = filters;
  return api.get<EventPage>('/api/events', {
    signal,
    query: { ...serverFilters, before_id: beforeId, limit: kEventPageSize },
  });
}
