import { api } from '@/lib/apiClient';

import { botPath } from './routeSupport';

export interface RevisionSummary {
  revision: number;
  file: string;
  actor: string;
  summary?: string;
  changed?: string[];
  created_at: string;
}

export interface RevisionDetail extends RevisionSummary {
  content: string;
  diff: string;
  previous_revision: number | null;
}

export function listRevisions(botId: string, file: string, signal?: AbortSignal) {
  return api.get<{ revisions: RevisionSummary[] }>(`${botPath(botId)}/revisions`, {
    query: { file, limit: 50 },
    signal,
  });
}

export function getRevision(botId: string, revision: number, signal?: AbortSignal) {
  return api.get<RevisionDetail>(`${botPath(botId)}/revisions/${revision}`, { signal });
}

// Answers with the restored file in the shape of that file's own GET.
export function restoreRevision<Doc>(botId: string, revision: number, etag: string) {
  return api.post<Doc>(`${botPath(botId)}/revisions/${revision}/restore`, undefined, {
    headers: { 'If-Match': etag },
  });
}
