import { useMutation, useQueryClient } from '@tanstack/react-query';

import { sendMessage } from '../api/chatApi';
import { readAttachment } from '../attachments';

import { upsertMessage } from './messageCache';

export interface OutgoingMessage {
  text: string;
  files?: File[];
}

// The composer shows a refused message (too large, bot stopped) next to the text box.
export function useSendMessage(botId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, files = [] }: OutgoingMessage) => {
      const attachments = await Promise.all(files.map(readAttachment));
      return sendMessage(botId, text, attachments);
    },
    meta: { handlesErrors: true },
    // Show the user's message at once; the chat_message frame with the same id replaces it.
    onSuccess: (result, { text }) => {
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
