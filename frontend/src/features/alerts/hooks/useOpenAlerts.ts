import { useQuery, useQueryClient } from '@tanstack/react-query';

import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import { listOpenAlerts } from '../api/alertsApi';

export const alertKeys = { open: ['alerts', 'open'] as const };

const kAlertEvents = new Set(['alert', 'alert_cleared']);

// The open alerts, read again whenever the event log reports an alert opening or closing (and
// after the live connection had to resync); a slow poll covers a socket that is down.
export function useOpenAlerts() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: alertKeys.open,
    queryFn: ({ signal }) => listOpenAlerts(signal),
    refetchInterval: 5 * 60_000,
    retry: false,
    meta: { handlesErrors: true },
  });

  useTopic('events', (frame: ServerFrame) => {
    const type = (frame.event as { event_type?: unknown } | undefined)?.event_type;
    const relevant =
      frame.type === 'resync' || (frame.type === 'event' && kAlertEvents.has(String(type)));
    if (relevant) void queryClient.invalidateQueries({ queryKey: alertKeys.open });
  });

  return query;
}
