import { api } from '@/lib/apiClient';

const botPath = (id: string) => `/api/bots/${encodeURIComponent(id)}`;

// The follow-up writes the new-bot form makes after the bot exists; each is its own request so
// one refusal (a model name the server rejects) does not undo the others.
export function setModel(id: string, model: string, provider: string | undefined): Promise<unknown> {
  return api.patch(`${botPath(id)}/config/model`, { model, ...(provider ? { provider } : {}) });
}

export function setProviderKey(id: string, provider: string, apiKey: string): Promise<unknown> {
  return api.patch(`${botPath(id)}/config/providers/${encodeURIComponent(provider)}`, { apiKey });
}

export async function writePersonaFile(id: string, name: string, content: string): Promise<unknown> {
  const current = await api.get<{ etag: string }>(`${botPath(id)}/files/${name}`);
  return api.put(`${botPath(id)}/files/${name}`, { content }, { headers: { 'If-Match': current.etag } });
}

export interface Quota {
  cpus?: number;
  memory_mb?: number;
  storage_mb?: number;
}

export async function setQuota(id: string, quota: Quota): Promise<unknown> {
  const env = await api.get<{ etag: string; variables: unknown[] }>(`${botPath(id)}/env`);
  return api.put(
    `${botPath(id)}/env`,
    { variables: env.variables, resources: quota },
    { headers: { 'If-Match': env.etag } },
  );
}
