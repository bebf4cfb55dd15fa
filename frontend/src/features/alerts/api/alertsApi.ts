import { api } from '@/lib/apiClient';

// An alert as GET /api/alerts lists it; cleared_at is null while it is open.
export interface Alert {
  id: number;
  bot_id: string | null;
  rule: string;
  severity: string;
  detail: string | null;
  metadata: Record<string, unknown> | null;
  opened_at: string;
  cleared_at: string | null;
}

export interface AlertList {
  alerts: Alert[];
  open_count: number;
}

export const kAlertListLimit = 100;

export async function listOpenAlerts(signal?: AbortSignal): Promise<AlertList> {
  const body = await api.get<Partial<AlertList>>('/api/alerts', {
    signal,
    query: { state: 'open', limit: kAlertListLimit },
  });
  const alerts = body.alerts ?? [];
  return { alerts, open_count: body.open_count ?? alerts.length };
}
