import { describe, expect, it } from 'vitest';

import { normaliseRow, stackSeries, sumRows } from './types';

describe('usage rows', () => {
  it('reads split or total tokens and keeps unknown cost as unknown', () => {
    const row = normaliseRow({ day: '2026-01-01', requests: 2, input_tokens: 10, output_tokens: 5, cost: null });
    expect(row.tokens).toBe(15);
    expect(row.cost).toBeNull();
    expect(sumRows([row]).costIncomplete).toBe(true);
  });

  it('keeps the biggest series and folds the rest into “other”', () => {
    const rows = ['a', 'b', 'c'].map((model, index) =>
      normaliseRow({ day: '2026-01-02', model, requests: 1, total_tokens: (index + 1) * 100 }),
    );
    const series = stackSeries(rows, ['2026-01-01', '2026-01-02'], (r) => r.model ?? '', (r) => r.tokens, 2, 'other');
    expect(series).toEqual([
      { name: 'other', data: [0, 100] },
      { name: 'b', data: [0, 200] },
      { name: 'c', data: [0, 300] },
    ]);
  });
});
