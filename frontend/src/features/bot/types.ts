import type { Bot } from '@/features/fleet/types';

// What the runtime found differs from what the dashboard wants (e.g. desired running, actual
// exited), with the runtime's reason when it gave one.
export interface BotDrift {
  desired: string;
  actual: string;
  reason?: string | null;
}

// The runtime's last sample of a running bot's resource use.
export interface BotStats {
  cpu_percent: number; // of one CPU: 200 means two CPUs busy
  memory_bytes: number;
  memory_limit_bytes?: number | null;
  storage_bytes?: number | null;
  sampled_at?: string;
}

// The bot object as the bot page reads it: the fleet fields plus the ones the runtime and the
// config routes add. Older servers omit the extra fields, so they are optional.
export interface BotDetail extends Bot {
  needs_restart?: boolean;
  drift?: BotDrift | null;
  stats?: BotStats | null;
}

export const kBotTabs = [
  'chat',
  'persona',
  'config',
  'env',
  'resources',
  'skills',
  'logs',
  'usage',
  'events',
] as const;

export type BotTab = (typeof kBotTabs)[number];

export function isBotTab(value: string | undefined): value is BotTab {
  return (kBotTabs as readonly string[]).includes(value ?? '');
}
