import type { StreamingReply } from '../types';

// Replies in flight, in the order their turns were seen, plus how each finished turn ended.
export interface ChatStreamState {
  replies: StreamingReply[];
  turnStatus: Record<string, string>;
}

export type ChatStreamAction =
  | { type: 'begin'; requestId: string }
  | { type: 'delta'; requestId: string; text: string }
  | { type: 'progress'; requestId: string; text: string }
  | { type: 'reasoning'; requestId: string; text: string }
  | { type: 'snapshot'; requestId: string; text: string }
  | { type: 'stored'; requestId: string }
  | { type: 'end'; requestId: string; status: string };

export const kInitialChatStream: ChatStreamState = { replies: [], turnStatus: {} };

function updateReply(
  state: ChatStreamState,
  requestId: string,
  change: (reply: StreamingReply) => StreamingReply,
): ChatStreamState {
  const index = state.replies.findIndex((reply) => reply.requestId === requestId);
  if (index < 0) {
    const created = change({ requestId, text: '', status: null });
    return { ...state, replies: [...state.replies, created] };
  }
  const replies = state.replies.slice();
  replies[index] = change(replies[index]);
  return { ...state, replies };
}

export function chatStreamReducer(
  state: ChatStreamState,
  action: ChatStreamAction,
): ChatStreamState {
  switch (action.type) {
    case 'begin':
      return state.replies.some((reply) => reply.requestId === action.requestId) ||
        action.requestId in state.turnStatus
        ? state
        : updateReply(state, action.requestId, (reply) => reply);
    case 'delta':
      return updateReply(state, action.requestId, (reply) => ({
        ...reply,
        text: reply.text + action.text,
      }));
    case 'reasoning':
      return updateReply(state, action.requestId, (reply) => ({
        ...reply,
        reasoning: (reply.reasoning ?? '') + action.text,
      }));
    case 'progress':
      return updateReply(state, action.requestId, (reply) => ({ ...reply, progress: action.text }));
    case 'snapshot':
      return updateReply(state, action.requestId, (reply) => ({ ...reply, text: action.text }));
    case 'stored':
      // The stored assistant message replaces the in-progress bubble.
      return {
        ...state,
        replies: state.replies.filter((reply) => reply.requestId !== action.requestId),
      };
    case 'end': {
      const turnStatus = { ...state.turnStatus, [action.requestId]: action.status };
      const open = state.replies.some((reply) => reply.requestId === action.requestId);
      if (!open && action.status === 'success') {
        return { ...state, turnStatus };
      }
      // A failed turn may never store a message: keep its bubble, marked, with what arrived.
      const next = updateReply(state, action.requestId, (reply) => ({
        ...reply,
        status: action.status,
      }));
      return { ...next, turnStatus };
    }
    default:
      return state;
  }
}
