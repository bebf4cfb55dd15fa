import { api, setCsrfToken } from '@/lib/apiClient';

export interface SharedBot {
  id: string;
  name: string;
  current_state: string;
}

const sharePath = (id: string) => `/api/share/${encodeURIComponent(id)}`;

// 401 here means "not signed in for this bot yet": the page asks for the password instead of
// sending the visitor to the admin sign-in.
export async function getSharedBot(id: string, signal?: AbortSignal): Promise<SharedBot> {
  const bot = await api.get<SharedBot>(sharePath(id), { signal, redirectOnUnauthorized: false });
  // A reloaded page has a session cookie but no CSRF token in memory yet.
  const me = await api.get<{ csrf_token?: string }>('/api/auth/me', {
    signal,
    redirectOnUnauthorized: false,
  });
  if (me.csrf_token) setCsrfToken(me.csrf_token);
  return bot;
}

export async function shareLogin(id: string, password: string): Promise<void> {
  const body = await api.post<{ csrf_token: string }>(`${sharePath(id)}/login`, { password }, {
    redirectOnUnauthorized: false,
  });
  setCsrfToken(body.csrf_token);
}
