import { api, setCsrfToken } from '@/lib/apiClient';

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export interface NewApiToken extends ApiToken {
  token: string;
}

// The server ends every other session and gives this one a new cookie and CSRF token.
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const body = await api.post<{ csrf_token: string }>('/api/auth/password', {
    current_password: currentPassword,
    new_password: newPassword,
  }, { redirectOnUnauthorized: false });
  setCsrfToken(body.csrf_token);
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const body = await api.get<{ tokens: ApiToken[] }>('/api/tokens', { signal });
  return body.tokens;
}

export function createToken(name: string): Promise<NewApiToken> {
  return api.post<NewApiToken>('/api/tokens', { name });
}

export function revokeToken(id: number): Promise<void> {
  return api.delete<void>(`/api/tokens/${id}`);
}
