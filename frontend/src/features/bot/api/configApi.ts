import { api } from '@/lib/apiClient';

import { botPath } from './routeSupport';

// Every file route returns the file's ETag in the body; a write sends it back as If-Match and
// gets 409 stale_etag when the file changed since (another operator, or nanobot itself).
const ifMatch = (etag: string) => ({ 'If-Match': etag });

export type NanobotConfig = Record<string, unknown>;

export interface ConfigDocument {
  etag: string;
  config: NanobotConfig;
  needs_restart?: boolean;
}

export function getConfig(botId: string, signal?: AbortSignal) {
  return api.get<ConfigDocument>(`${botPath(botId)}/config`, { signal });
}

export function putConfig(botId: string, config: NanobotConfig, etag: string) {
  return api.put<ConfigDocument>(`${botPath(botId)}/config`, { config }, {
    headers: ifMatch(etag),
  });
}

export const kPersonaFiles = ['AGENTS.md', 'SOUL.md', 'USER.md', 'TOOLS.md', 'HEARTBEAT.md'] as const;
export type PersonaFileName = (typeof kPersonaFiles)[number];

export interface PersonaFile {
  name: string;
  content: string;
  etag: string;
  size?: number;
  revision?: number;
}

const filePath = (botId: string, name: string) =>
  `${botPath(botId)}/files/${encodeURIComponent(name)}`;

export function getPersonaFile(botId: string, name: string, signal?: AbortSignal) {
  return api.get<PersonaFile>(filePath(botId, name), { signal });
}

export function putPersonaFile(botId: string, name: string, content: string, etag: string) {
  return api.put<PersonaFile>(filePath(botId, name), { content }, { headers: ifMatch(etag) });
}

export interface EnvVariable {
  name: string;
  value: string;
  secret: boolean;
}

export interface ResourceQuota {
  cpus: number;
  memory_mb: number;
  storage_mb: number;
  pids?: number;
}

export type QuotaLimits = Partial<Record<keyof ResourceQuota, { min: number; max: number }>>;

export interface EnvDocument {
  etag: string;
  variables: EnvVariable[];
  resources: ResourceQuota;
  limits?: QuotaLimits;
  storage_used_mb?: number | null;
}

export function getEnv(botId: string, signal?: AbortSignal) {
  return api.get<EnvDocument>(`${botPath(botId)}/env`, { signal });
}

export function putEnv(
  botId: string,
  change: { variables: EnvVariable[]; resources?: Partial<ResourceQuota> },
  etag: string,
) {
  return api.put<EnvDocument>(`${botPath(botId)}/env`, change, { headers: ifMatch(etag) });
}

// Structured saves change a few keys of config.json and answer with the whole file, like GET.
export function patchConfigSection(botId: string, section: string, change: object) {
  return api.patch<ConfigDocument>(`${botPath(botId)}/config/${section}`, change);
}

export type SchemaFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'string_list';

export interface SchemaField {
  key: string;
  type: SchemaFieldType;
  secret?: boolean;
}

export interface ConfigSchema {
  channels: { name: string; label?: string; fields: SchemaField[] }[];
  providers: { name: string; env?: string; needs_api_base?: boolean }[];
  secret_mask?: string;
}

export function getConfigSchema(signal?: AbortSignal) {
  return api.get<ConfigSchema>('/api/config/schema', { signal });
}
