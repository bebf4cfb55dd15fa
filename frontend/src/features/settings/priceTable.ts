// A price table is a JSON object of model name → numeric fields (for example
// {"gpt-4o":{"input_per_mtok":2.5,"output_per_mtok":10}}). Any setting whose value has that
// shape gets the table editor; the field names come from the value itself, so the editor does
// not need to know them.
export type PriceTable = Record<string, Record<string, number>>;

export interface PriceRow {
  key: string;
  model: string;
  prices: Record<string, number | null>;
}

export function isPriceTable(value: unknown): value is PriceTable {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every(
      (entry) =>
        entry !== null &&
        typeof entry === 'object' &&
        !Array.isArray(entry) &&
        Object.values(entry).every((price) => typeof price === 'number'),
    )
  );
}

export function priceColumns(table: PriceTable): string[] {
  const names = new Set<string>();
  for (const entry of Object.values(table)) for (const name of Object.keys(entry)) names.add(name);
  return Array.from(names);
}

export function toRows(table: PriceTable): PriceRow[] {
  return Object.entries(table).map(([model, prices], index) => ({
    key: `${index}`,
    model,
    prices: { ...prices },
  }));
}

// Back to the object; the first problem found (blank or repeated model) is returned instead.
export function fromRows(rows: PriceRow[]): { table: PriceTable } | { error: 'empty' | 'duplicate'; model?: string } {
  const table: PriceTable = {};
  for (const row of rows) {
    const model = row.model.trim();
    if (!model) return { error: 'empty' };
    if (model in table) return { error: 'duplicate', model };
    const prices: Record<string, number> = {};
    for (const [name, price] of Object.entries(row.prices)) {
      if (typeof price === 'number' && Number.isFinite(price)) prices[name] = price;
    }
    table[model] = prices;
  }
  return { table };
}

// The price setting may hold the table itself or wrap it with other keys, as in
// {"currency":"USD","models":{…}}; the editor changes the table and keeps the rest.
export function findPriceTable(value: unknown): { table: PriceTable; wrap: (table: PriceTable) => unknown } | null {
  if (isPriceTable(value)) return { table: value, wrap: (table) => table };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const models = (value as Record<string, unknown>).models;
    if (isPriceTable(models)) {
      return { table: models, wrap: (table) => ({ ...(value as object), models: table }) };
    }
  }
  return null;
}
