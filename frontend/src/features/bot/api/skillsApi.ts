import { api } from '@/lib/apiClient';

import { botPath } from './routeSupport';

export interface InstalledSkill {
  name: string;
  description?: string;
  source: 'market' | 'custom' | string;
  market_id?: number | null;
  modified?: boolean;
}

export interface MarketSkill {
  id: number;
  skill_key: string;
  name: string;
  description: string;
  category: string;
  version?: string;
  author?: string;
}

export function listInstalledSkills(botId: string, signal?: AbortSignal) {
  return api.get<{ skills: InstalledSkill[] }>(`${botPath(botId)}/skills`, { signal });
}

export function listMarketSkills(search: string, signal?: AbortSignal) {
  return api.get<{ skills: MarketSkill[]; categories?: string[] }>('/api/skills', {
    query: { q: search },
    signal,
  });
}

export function installSkill(botId: string, skillKey: string, replace = false) {
  return api.post<InstalledSkill>(`${botPath(botId)}/skills`, {
    skill_key: skillKey,
    ...(replace ? { replace: true } : {}),
  });
}

export function removeSkill(botId: string, name: string) {
  return api.delete<void>(`${botPath(botId)}/skills/${encodeURIComponent(name)}`);
}
