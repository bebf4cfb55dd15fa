import type { BotImage } from '@/features/fleet/types';
import { api } from '@/lib/apiClient';

export interface AddImageInput {
  tag: string;
  source_dir?: string;
  version?: string;
}

export interface BuildLog {
  tag: string;
  status: string;
  build_log: string;
}

// Tags hold ":" and may hold "/"; the server wants them percent-encoded in the path.
const imagePath = (tag: string) => `/api/images/${encodeURIComponent(tag)}`;

export async function listImages(signal?: AbortSignal): Promise<BotImage[]> {
  const body = await api.get<{ images: BotImage[] }>('/api/images', { signal });
  return body.images;
}

export function addImage(input: AddImageInput): Promise<BotImage> {
  return api.post<BotImage>('/api/images', input);
}

export function deleteImage(tag: string): Promise<void> {
  return api.delete<void>(imagePath(tag));
}

export function getBuildLog(tag: string, signal?: AbortSignal): Promise<BuildLog> {
  return api.get<BuildLog>(`${imagePath(tag)}/build-log`, { signal });
}
