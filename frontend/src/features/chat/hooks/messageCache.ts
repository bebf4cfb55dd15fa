import type { InfiniteData, QueryClient } from '@tanstack/react-query';

import type { ChatMessage, MessagesPage } from '../types';

export const messageKeys = {
  all: ['messages'] as const,
  bot: (botId: string) => ['messages', botId] as const,
};

export type MessagePages = InfiniteData<MessagesPage, number | undefined>;

// Pages are fetched newest first (page 0 is the latest); the view wants oldest first.
export function flattenPages(data: InfiniteData<MessagesPage, unknown> | undefined): ChatMessage[] {
  if (!data) return [];
  const out: ChatMessage[] = [];
  for (let i = data.pages.length - 1; i >= 0; i -= 1) {
    out.push(...data.pages[i].messages);
  }
  return out;
}

// Adds or replaces one message in the newest page. Does nothing before the first page loads:
// that fetch will include the message anyway.
export function upsertMessage(queryClient: QueryClient, message: ChatMessage): void {
  queryClient.setQueryData<MessagePages>(messageKeys.bot(message.bot_id), (data) => {
    if (!data || data.pages.length === 0) return data;
    const pages = data.pages.map((page) => {
      const index = page.messages.findIndex((item) => item.id === message.id);
      if (index < 0) return page;
      const messages = page.messages.slice();
      messages[index] = message;
      return { ...page, messages };
    });
    if (pages.some((page, i) => page !== data.pages[i])) {
      return { ...data, pages };
    }
    const newest = pages[0];
    const messages = [...newest.messages, message].sort((a, b) => a.id - b.id);
    return { ...data, pages: [{ ...newest, messages }, ...pages.slice(1)] };
  });
}
