// Event types offered in the type filter; any other type can be typed in.
export const kKnownEventTypes = [
  'alert',
  'alert_cleared',
  'bot_created',
  'bot_started',
  'bot_stopped',
  'bot_deleted',
  'container_died',
  'config_changed',
  'skill_installed',
  'skill_removed',
  'storage_within_quota',
];

export const kAlertTypes = 'alert,alert_cleared';

export interface ActivityEvent {
  id: number;
  bot_id: string | null;
  event_type: string;
  severity: string;
  detail: string | null;
  request_id: string | null;
  metadata: unknown;
  created_at: string;
}

export interface EventFilters {
  bot_id?: string;
  // One event type or a comma-separated list.
  type?: string;
  severity?: string;
  q?: string;
  from?: string;
  to?: string;
}

const kSeverityRank: Record<string, number> = { info: 0, warning: 1, error: 2, critical: 3 };

// Same test the server applies, used for frames that arrive live while filters are set.
export function matchesFilters(event: ActivityEvent, filters: EventFilters): boolean {
  if (filters.bot_id && event.bot_id !== filters.bot_id) return false;
  if (filters.type && !filters.type.split(',').includes(event.event_type)) return false;
  if (
    filters.severity &&
    (kSeverityRank[event.severity] ?? 0) < (kSeverityRank[filters.severity] ?? 0)
  ) {
    return false;
  }
  if (filters.q && !(event.detail ?? '').toLowerCase().includes(filters.q.toLowerCase())) {
    return false;
  }
  if (filters.from && event.created_at < filters.from) return false;
  if (filters.to && event.created_at > filters.to) return false;
  return true;
}
