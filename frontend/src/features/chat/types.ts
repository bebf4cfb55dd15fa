export type MessageRole = 'user' | 'assistant' | 'system';

export type TurnStatus = 'success' | 'error' | 'timeout' | 'interrupted';

export interface ChatMessage {
  id: number;
  bot_id: string;
  role: MessageRole | string;
  text: string;
  media: unknown[];
  feedback: 'up' | 'down' | null;
  request_id: string | null;
  status: string;
  // How the turn behind an answer ended (success, error, timeout, interrupted); null when the
  // server has no usage row for it.
  turn_status?: TurnStatus | string | null;
  reasoning?: string | null;
  created_at: string;
}

export interface MessagesPage {
  messages: ChatMessage[];
  has_more: boolean;
}

export interface SendResult {
  message_id: number;
  request_id: string;
}

// A reply that is being written (or whose turn ended without a stored message).
export interface StreamingReply {
  requestId: string;
  text: string;
  // null while the turn is open.
  status: TurnStatus | string | null;
  // The latest tool step the bot reported while working on this reply.
  progress?: string;
  // The model's reasoning so far, when the provider streams it.
  reasoning?: string;
}

// Message statuses that mean the reply did not complete normally.
export const kFailedStatuses: ReadonlySet<string> = new Set(['error', 'timeout', 'interrupted']);
