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

// Which route rates an answer: "message" is PUT /api/messages/{id}/feedback (admin only);
// "bot" is PUT /api/bots/{bot}/messages/{id}/feedback, the one a share session may call too.
export type FeedbackRoute = 'message' | 'bot';

export function setFeedback(
  message: Pick<ChatMessage, 'id' | 'bot_id'>,
  feedback: 'up' | 'down' | null,
  route: FeedbackRoute = 'message',
): Promise<ChatMessage> {
  const path =
    route === 'bot'
      ? `${messagesPath(message.bot_id)}/${message.id}/feedback`
      : `/api/messages/${message.id}/feedback`;
  return api.put<ChatMessage>(path, { feedback });
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
