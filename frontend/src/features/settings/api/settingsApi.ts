import { api } from '@/lib/apiClient';

export type SettingValueType = 'string' | 'integer' | 'number' | 'boolean' | 'json';

export interface Setting {
  key: string;
  name: string;
  description: string;
  value_type: SettingValueType | string;
  value: unknown;
  is_public: boolean;
  sort_order: number;
  min?: number;
  max?: number;
  enum?: unknown[];
}

export interface SettingCategory {
  category: string;
  settings: Setting[];
}

export async function listSettings(signal?: AbortSignal): Promise<SettingCategory[]> {
  const body = await api.get<{ categories: SettingCategory[] }>('/api/settings', { signal });
  return body.categories;
}

export function saveSetting(key: string, value: unknown): Promise<Setting> {
  return api.put<Setting>(`/api/settings/${encodeURIComponent(key)}`, { value });
}
