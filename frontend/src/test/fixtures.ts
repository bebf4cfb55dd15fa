import type { ChatMessage } from '@/features/chat/types';
import type { Bot } from '@/features/fleet/types';

export function makeBot(overrides: Partial<Bot> = {}): Bot {
  return {
    id: 'test-bot',
    name: 'Test Bot',
    enabled: true,
    has_access_password: false,
    workspace_dir: '/tmp/fake/bots/test-bot',
    docker_status: 'running',
    current_state: 'ready',
    last_action: 'start',
    state_detail: null,
    image_tag: 'simbot:latest',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:05Z',
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: 1,
    bot_id: 'test-bot',
    role: 'user',
    text: 'hello',
    media: [],
    feedback: null,
    request_id: 'req-1',
    status: 'complete',
    created_at: '2026-01-01T00:00:10Z',
    ...overrides,
  };
}
