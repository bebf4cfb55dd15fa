import { describe, expect, it } from 'vitest';

import { readPriceTable, writePriceTable } from './priceTable';

describe('price table', () => {
  const value = {
    currency: 'USD',
    models: {
      'openai/gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6 },
      'gpt-4o': { input_per_mtok: 2.5, output_per_mtok: 10, note: 'list price' },
    },
  };

  it('round-trips the documented shape, keeping fields it does not show', () => {
    const draft = readPriceTable(value);
    expect(draft?.rows.map((row) => row.model)).toEqual(['openai/gpt-4o-mini', 'gpt-4o']);
    expect(writePriceTable(draft!)).toEqual({ value });
    expect(readPriceTable(null)).toEqual({ currency: 'USD', rows: [] });
    expect(readPriceTable([1])).toBeNull();
  });

  it('refuses a blank or repeated model, a missing price and a bad currency', () => {
    const draft = readPriceTable(value)!;
    const first = draft.rows[0];
    expect(writePriceTable({ ...draft, rows: [...draft.rows, { ...first, key: 'x' }] })).toEqual({
      error: 'duplicate',
      model: 'openai/gpt-4o-mini',
    });
    expect(writePriceTable({ ...draft, rows: [{ ...first, model: ' ' }] })).toEqual({ error: 'empty' });
    expect(writePriceTable({ ...draft, rows: [{ ...first, output: null }] })).toEqual({
      error: 'price',
      model: 'openai/gpt-4o-mini',
    });
    expect(writePriceTable({ ...draft, currency: '' })).toEqual({ error: 'currency' });
  });
});
