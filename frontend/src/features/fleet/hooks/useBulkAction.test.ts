import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/apiClient';

import { useBulkAction } from './useBulkAction';

describe('useBulkAction', () => {
  it('runs every id at most four at a time and lists the failures with the server’s message', async () => {
    let running = 0;
    let most = 0;
    const run = async (_action: 'start' | 'stop', id: string) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      if (id === 'bot-3') throw new ApiError(400, 'missing_env', 'bot-3 has no OPENAI_API_KEY');
    };
    const { result } = renderHook(() => useBulkAction(run));
    const ids = Array.from({ length: 10 }, (_, i) => `bot-${i}`);

    let outcome;
    await act(async () => {
      outcome = await result.current.start('start', ids);
    });

    expect(most).toBeLessThanOrEqual(4);
    expect(outcome).toMatchObject({ total: 10, done: 10, running: false });
    expect(result.current.progress?.failed).toEqual([
      { id: 'bot-3', message: 'bot-3 has no OPENAI_API_KEY' },
    ]);
  });
});
