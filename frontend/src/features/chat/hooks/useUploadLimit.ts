import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/apiClient';

import { kDefaultUploadMaxBytes } from '../attachments';

const kUploadSettingKey = 'chat.upload_max_bytes';

// Public settings come as a list of {key,value} rows or as a key → value map; both are read.
function findSetting(body: unknown, key: string): unknown {
  const settings = (body as { settings?: unknown } | null)?.settings ?? body;
  if (Array.isArray(settings)) {
    const row = settings.find((item) => (item as { key?: string })?.key === key) as
      | { value?: unknown; value_json?: unknown }
      | undefined;
    return row?.value ?? row?.value_json;
  }
  if (settings && typeof settings === 'object') return (settings as Record<string, unknown>)[key];
  return undefined;
}

// The largest file the server takes with a message. When the setting is not public the
// server's default applies, and an oversized upload still gets the server's 413.
export function useUploadLimit(): number {
  const query = useQuery({
    queryKey: ['chat', 'public-settings'],
    queryFn: ({ signal }) => api.get<unknown>('/api/settings/public', { signal }),
    staleTime: 5 * 60_000,
    meta: { handlesErrors: true },
    retry: false,
  });
  const value = Number(findSetting(query.data, kUploadSettingKey));
  return Number.isFinite(value) && value > 0 ? value : kDefaultUploadMaxBytes;
}
