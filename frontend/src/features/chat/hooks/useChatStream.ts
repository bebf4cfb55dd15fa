import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useReducer } from 'react';

import { logger } from '@/lib/logger';
import { useTopic } from '@/lib/useTopic';
import type { ServerFrame } from '@/lib/wsClient';

import type { ChatMessage } from '../types';

import { chatStreamReducer, kInitialChatStream } from './chatStreamReducer';
import { messageKeys, upsertMessage } from './messageCache';

// Follows the "bot:<id>" topic: stored messages go into the history cache, reply pieces build
// in-progress bubbles, and a resync reloads the history.
export function useChatStream(botId: string) {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(chatStreamReducer, kInitialChatStream);

  useTopic(`bot:${botId}`, (frame: ServerFrame) => {
    const requestId = typeof frame.request_id === 'string' ? frame.request_id : null;
    switch (frame.type) {
      case 'chat_message': {
        const message = frame.message as ChatMessage | undefined;
        if (!message || typeof message.id !== 'number') {
          logger.warn('chat_message frame without a message', { bot_id: botId });
          return;
        }
        upsertMessage(queryClient, { ...message, bot_id: message.bot_id ?? botId });
        if (message.role === 'assistant' && message.request_id) {
          dispatch({ type: 'stored', requestId: message.request_id });
        }
        return;
      }
      case 'chat_delta':
        if (requestId) dispatch({ type: 'delta', requestId, text: String(frame.text ?? '') });
        return;
      case 'chat_reasoning':
        if (requestId) dispatch({ type: 'reasoning', requestId, text: String(frame.text ?? '') });
        return;
      case 'chat_progress':
        if (requestId) dispatch({ type: 'progress', requestId, text: String(frame.text ?? '') });
        return;
      case 'chat_feedback': {
        const message = frame.message as ChatMessage | undefined;
        if (message && typeof message.id === 'number') upsertMessage(queryClient, message);
        return;
      }
      case 'chat_snapshot':
        if (requestId) dispatch({ type: 'snapshot', requestId, text: String(frame.text ?? '') });
        return;
      case 'turn_end':
        if (requestId) dispatch({ type: 'end', requestId, status: String(frame.status ?? '') });
        return;
      case 'resync':
        void queryClient.invalidateQueries({ queryKey: messageKeys.bot(botId) });
        return;
      default:
        logger.debug('ignored bot frame', { bot_id: botId, type: frame.type });
    }
  });

  // Called once the server accepted a message, so a "thinking" bubble shows before any delta.
  const beginTurn = useCallback((requestId: string) => {
    dispatch({ type: 'begin', requestId });
  }, []);

  return { replies: state.replies, turnStatus: state.turnStatus, beginTurn };
}
