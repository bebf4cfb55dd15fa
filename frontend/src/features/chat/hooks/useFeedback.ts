import { useMutation, useQueryClient } from '@tanstack/react-query';

import { setFeedback } from '../api/chatApi';
import type { ChatMessage } from '../types';

import { upsertMessage } from './messageCache';

// Rates an answer; the stored message comes back and replaces the cached one.
export function useFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ message, feedback }: { message: ChatMessage; feedback: 'up' | 'down' | null }) =>
      setFeedback(message.id, feedback),
    onSuccess: (stored) => upsertMessage(queryClient, stored),
  });
}
