import { api } from '@/lib/apiClient';

import type { Attachment } from '../attachments';
import type { ChatMessage, MessagesPage, SendResult } from '../types';

const messagesPath = (botId: string) => `/api/bots/${encodeURIComponent(botId)}/messages`;

export const kPageSize = 50;

export function listMessages(
  botId: string,
  beforeId: number | undefined,
  signal?: AbortSignal,
): Promise<MessagesPage> {
  return api.get<MessagesPage>(messagesPath(botId), {
    query: { before_id: beforeId, limit: kPageSize },
    signal,
  });
}

export function setFeedback(
  messageId: number,
  feedback: 'up' | 'down' | null,
): Promise<ChatMessage> {
  return api.put<ChatMessage>(`/api/messages/${messageId}/feedback`, { feedback });
}

export function mediaUrl(botId: string, path: string): string {
  return `/api/bots/${encodeURIComponent(botId)}/media?path=${encodeURIComponent(path)}`;
}

export function exportUrl(botId: string, format: 'markdown' | 'jsonl'): string {
  return `${messagesPath(botId)}/export?format=${format}`;
}

export function sendMessage(
  botId: string,
  text: string,
  attachments: Attachment[] = [],
): Promise<SendResult> {
  // With files attached the text may be left out; the server refuses a blank one.
  const body =
    attachments.length === 0 ? { text } : text ? { text, attachments } : { attachments };
  return api.post<SendResult>(messagesPath(botId), body);
}
