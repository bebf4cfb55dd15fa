import { api, setCsrfToken } from '@/lib/apiClient';

import type { Session } from '../types';

export async function login(password: string): Promise<Session> {
  const session = await api.post<Session>(
    '/api/auth/login',
    { password },
    { redirectOnUnauthorized: false },
  );
  setCsrfToken(session.csrf_token);
  return session;
}

// Restores the session of a reloaded page, CSRF token included. 401 means "not signed in".
export async function fetchSession(signal?: AbortSignal): Promise<Session> {
  const session = await api.get<Session>('/api/auth/me', { signal, redirectOnUnauthorized: false });
  setCsrfToken(session.csrf_token);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout', undefined, { redirectOnUnauthorized: false });
  } finally {
    setCsrfToken(null);
  }
}
