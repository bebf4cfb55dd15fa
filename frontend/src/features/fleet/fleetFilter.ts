import { isBotActive, type Bot } from './types';

export type FleetFilter = 'all' | 'running' | 'stopped' | 'problem' | 'drift';

export const kFleetFilters: FleetFilter[] = ['all', 'running', 'stopped', 'problem', 'drift'];

export function parseFleetFilter(value: string | null): FleetFilter {
  return kFleetFilters.includes(value as FleetFilter) ? (value as FleetFilter) : 'all';
}

function matchesFilter(bot: Bot, filter: FleetFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'running':
      return isBotActive(bot);
    case 'stopped':
      return !isBotActive(bot);
    case 'problem':
      return (
        bot.current_state === 'error' ||
        bot.current_state === 'degraded' ||
        bot.docker_status === 'dead' ||
        (bot.enabled && !isBotActive(bot))
      );
    case 'drift':
      return Boolean(bot.drift);
  }
}

// The rows the table shows: one pass over the list, so it stays cheap with thousands of bots.
export function filterBots(bots: Bot[], query: string, filter: FleetFilter): Bot[] {
  const needle = query.trim().toLowerCase();
  if (!needle && filter === 'all') return bots;
  return bots.filter(
    (bot) =>
      matchesFilter(bot, filter) &&
      (!needle ||
        bot.id.includes(needle) ||
        bot.name.toLowerCase().includes(needle) ||
        (bot.image_tag ?? '').toLowerCase().includes(needle)),
  );
}
