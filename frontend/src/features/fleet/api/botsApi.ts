import { api } from '@/lib/apiClient';

import type { Bot, BotImage, CreateBotInput } from '../types';

const botPath = (id: string) => `/api/bots/${encodeURIComponent(id)}`;

export async function listBots(signal?: AbortSignal): Promise<Bot[]> {
  const body = await api.get<{ bots: Bot[] }>('/api/bots', { signal });
  return body.bots;
}

export function getBot(id: string, signal?: AbortSignal): Promise<Bot> {
  return api.get<Bot>(botPath(id), { signal });
}

export function createBot(input: CreateBotInput): Promise<Bot> {
  return api.post<Bot>('/api/bots', input);
}

// purge also deletes the bot's folder, which frees its id for a new bot.
export function deleteBot({ id, purge }: { id: string; purge: boolean }): Promise<void> {
  return api.delete<void>(purge ? `${botPath(id)}?purge=true` : botPath(id));
}

export function startBot(id: string): Promise<Bot> {
  return api.post<Bot>(`${botPath(id)}/start`);
}

export function stopBot(id: string): Promise<Bot> {
  return api.post<Bot>(`${botPath(id)}/stop`);
}

export async function listImages(signal?: AbortSignal): Promise<BotImage[]> {
  const body = await api.get<{ images: BotImage[] }>('/api/images', { signal });
  return body.images;
}
