import { api } from '@/lib/apiClient';

export interface BotEvent {
  id: number;
  bot_id: string | null;
  event_type: string;
  severity: 'info' | 'warning' | 'error' | string;
  detail: string | null;
  request_id: string | null;
  metadata: unknown;
  created_at: string;
}

export const kEventPageSize = 50;

// Servers before the paged event log send only `events`; a full page then means "maybe more".
export interface EventPage {
  events: BotEvent[];
  has_more?: boolean;
  next_before_id?: number | null;
}

export function nextEventCursor(page: EventPage): number | undefined {
  if (page.has_more === false) return undefined;
  if (page.next_before_id) return page.next_before_id;
  const last = page.events[page.events.length - 1];
  return page.has_more || page.events.length >= kEventPageSize ? last?.id : undefined;
}

export interface EventFilter {
  // One event type or a comma-separated list.
  type?: string;
  // Matched against the event's detail, case-insensitively.
  q?: string;
}

export function listBotEvents(
  botId: string,
  filter: EventFilter,
  beforeId: number | undefined,
  signal?: AbortSignal,
) {
  return api.get<EventPage>('/api/events', {
    query: {
      bot_id: botId,
      type: filter.type,
      q: filter.q,
      before_id: beforeId,
      limit: kEventPageSize,
    },
    signal,
  });
}
