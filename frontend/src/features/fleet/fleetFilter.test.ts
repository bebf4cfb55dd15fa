import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';

import { filterBots, parseFleetFilter } from './fleetFilter';

const bots = [
  makeBot({ id: 'alpha', name: 'Support Desk', current_state: 'ready', docker_status: 'running' }),
  makeBot({ id: 'beta', name: 'Beta', current_state: 'stopped', docker_status: 'exited', enabled: false }),
  makeBot({ id: 'gamma', name: 'Gamma', current_state: 'error', docker_status: 'exited', image_tag: 'nanobot:2' }),
  makeBot({
    id: 'delta',
    name: 'Delta',
    drift: { desired: 'a', actual: 'b', reason: 'image changed' },
  }),
];

describe('filterBots', () => {
  it('searches id, name and image without case', () => {
    expect(filterBots(bots, 'SUPPORT', 'all').map((b) => b.id)).toEqual(['alpha']);
    expect(filterBots(bots, 'nanobot:2', 'all').map((b) => b.id)).toEqual(['gamma']);
    expect(filterBots(bots, 'et', 'all').map((b) => b.id)).toEqual(['beta']);
  });

  it('filters by what the operator cares about', () => {
    expect(filterBots(bots, '', 'running').map((b) => b.id)).toEqual(['alpha', 'delta']);
    expect(filterBots(bots, '', 'stopped').map((b) => b.id)).toEqual(['beta', 'gamma']);
    expect(filterBots(bots, '', 'problem').map((b) => b.id)).toEqual(['gamma']);
    expect(filterBots(bots, '', 'drift').map((b) => b.id)).toEqual(['delta']);
  });

  it('returns the same list when nothing filters', () => {
    expect(filterBots(bots, '  ', 'all')).toBe(bots);
    expect(parseFleetFilter('nonsense')).toBe('all');
  });
});
