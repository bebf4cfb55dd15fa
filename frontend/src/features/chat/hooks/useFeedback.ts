import { useMutation, useQueryClient } from '@tanstack/react-query';

import { setFeedback, type FeedbackRoute } from '../api/chatApi';
import type { ChatMessage } from '../types';

import { upsertMessage } from './messageCache';

// Rates an answer; the stored message comes back and replaces the cached one.
export function useFeedback(route: FeedbackRoute = 'message') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ message, feedback }: { message: ChatMessage; feedback: 'up' | 'down' | null }) =>
      setFeedback(message, feedback, route),
    onSuccess: (stored) => upsertMessage(queryClient, stored),
  });
}
