import { api } from '@/lib/apiClient';

import { botPath } from './routeSupport';

export interface LogLine {
  stream: 'stdout' | 'stderr' | string;
  text: string;
  time: string | null;
}

export function fetchLogTail(botId: string, tail: number, signal?: AbortSignal) {
  return api.get<{ lines: LogLine[] }>(`${botPath(botId)}/logs`, { query: { tail }, signal });
}
