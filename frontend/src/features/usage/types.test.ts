import { describe, expect, it } from 'vitest';

import { combineCost, readRow, stackSeries } from './types';

describe('usage rows', () => {
  it('reads the documented row and keeps an unknown cost unknown', () => {
    const row = readRow({ day: '2026-01-01', model: null, requests: 2, input_tokens: 10, output_tokens: 5, total_tokens: 15, cost: null, cost_status: 'unknown' });
    expect(row.total_tokens).toBe(15);
    expect(row.model).toBeNull();
    expect(row.cost).toBeNull();
    expect(row.cost_status).toBe('unknown');
    expect(row.error_rate).toBe(0);
  });

  it('combines costs into unknown, partial or known', () => {
    const known = { cost: 1, cost_status: 'known' as const };
    const unknown = { cost: null, cost_status: 'unknown' as const };
    expect(combineCost([unknown])).toEqual({ cost: null, cost_status: 'unknown' });
    expect(combineCost([known, unknown])).toEqual({ cost: 1, cost_status: 'partial' });
    expect(combineCost([known, known])).toEqual({ cost: 2, cost_status: 'known' });
  });

  it('keeps the biggest series and folds the rest into “other”', () => {
    const rows = ['a', 'b', 'c'].map((model, index) =>
      readRow({ day: '2026-01-02', model, requests: 1, total_tokens: (index + 1) * 100 }),
    );
    const series = stackSeries(rows, ['2026-01-01', '2026-01-02'], (r) => r.model ?? '', (r) => r.total_tokens, 2, 'other');
    expect(series).toEqual([
      { name: 'other', data: [0, 100] },
      { name: 'b', data: [0, 200] },
      { name: 'c', data: [0, 300] },
    ]);
  });
});
