// The runtime's resource sample and drift report are defined with the bot page, which shows
// them in full; the fleet table shows the same objects in a row.
import type { BotDrift, BotStats } from '@/features/bot/types';

export type { BotDrift, BotStats };

export type DockerStatus =
  | 'absent'
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'exited'
  | 'dead'
  | 'unknown';

export type BotState = 'stopped' | 'starting' | 'ready' | 'busy' | 'degraded' | 'error';

export interface Bot {
  id: string;
  name: string;
  enabled: boolean;
  has_access_password: boolean;
  workspace_dir: string;
  docker_status: DockerStatus | string;
  current_state: BotState | string;
  last_action: string | null;
  state_detail: string | null;
  image_tag: string | null;
  created_at: string;
  updated_at: string;
  // Newer servers only; absent and null both mean "not known".
  stats?: BotStats | null;
  drift?: BotDrift | null;
  access_password_set?: boolean;
}

export interface BotImage {
  tag: string;
  image_id: string | null;
  version: string | null;
  status: string;
  source_dir: string | null;
  created_at: string;
}

export interface CreateBotInput {
  id: string;
  name: string;
  image_tag?: string;
  template_bot_id?: string;
  access_password?: string;
  // Starting contents for the bot's files; the server ignores what it does not know.
  model?: string;
  provider?: string;
  api_key?: string;
  persona?: string;
  quota?: { cpu_cores?: number; memory_mb?: number; storage_mb?: number };
}

// Same rule as the server: the id names a folder and a container.
export const kBotIdPattern = /^[a-z][a-z0-9-]{1,62}$/;

// States in which the bot has a live channel and can take chat messages.
export function isBotRunning(bot: Pick<Bot, 'current_state'> | undefined | null): boolean {
  return bot?.current_state === 'ready' || bot?.current_state === 'busy';
}

// The runtime has the bot going, or it is on its way up: "Stop" applies, "Start" does not. A bot
// that died (state error, runtime exited) can be started again.
export function isBotActive(bot: Pick<Bot, 'current_state' | 'docker_status'>): boolean {
  return (
    bot.docker_status === 'running' ||
    bot.docker_status === 'restarting' ||
    bot.current_state === 'starting'
  );
}
