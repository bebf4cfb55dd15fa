import { useMutation, useQueryClient } from '@tanstack/react-query';

import { sendMessage } from '../api/chatApi';

import { upsertMessage } from './messageCache';

export function useSendMessage(botId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendMessage(botId, text),
    // Show the user's message at once; the chat_message frame with the same id replaces it.
    onSuccess: (result, text) => {
      upsertMessage(queryClient, {
        id: result.message_id,
        bot_id: botId,
        role: 'user',
        text,
        media: [],
        feedback: null,
        request_id: result.request_id,
        status: 'complete',
        created_at: new Date().toISOString(),
      });
    },
  });
}
