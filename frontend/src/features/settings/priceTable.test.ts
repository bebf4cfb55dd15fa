import { describe, expect, it } from 'vitest';

import { fromRows, isPriceTable, priceColumns, toRows } from './priceTable';

describe('price table', () => {
  const table = { 'gpt-4o': { input: 2.5, output: 10 }, mini: { input: 0.15, cached: 0.07 } };

  it('recognises model → prices objects only', () => {
    expect(isPriceTable(table)).toBe(true);
    expect(isPriceTable({ a: 1 })).toBe(false);
    expect(isPriceTable([])).toBe(false);
    expect(isPriceTable({})).toBe(false);
  });

  it('round-trips through rows and refuses blank or repeated models', () => {
    expect(priceColumns(table)).toEqual(['input', 'output', 'cached']);
    expect(fromRows(toRows(table))).toEqual({ table });
    const rows = toRows(table);
    expect(fromRows([...rows, { ...rows[0], key: 'x' }])).toEqual({ error: 'duplicate', model: 'gpt-4o' });
    expect(fromRows([{ key: 'y', model: ' ', prices: {} }])).toEqual({ error: 'empty' });
  });
});
