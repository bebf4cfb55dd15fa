// The setting usage.price_table: {"currency":"USD","models":{"<provider>/<model>":
// {"input_per_mtok":0.15,"output_per_mtok":0.6}}}, prices per million tokens. Edited as rows;
// any other field of a model entry is kept as it was.
export const kPriceTableKey = 'usage.price_table';

export interface PriceRow {
  key: string;
  model: string;
  input: number | null;
  output: number | null;
  // Fields of the entry the editor does not show, written back unchanged.
  extra: Record<string, unknown>;
}

export interface PriceDraft {
  currency: string;
  rows: PriceRow[];
}

export type PriceProblem =
  | { error: 'currency' }
  | { error: 'empty' }
  | { error: 'duplicate'; model: string }
  | { error: 'price'; model: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const price = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

// A value the table cannot show (not an object, models not an object) gives null: the editor
// then offers the JSON text instead.
export function readPriceTable(value: unknown): PriceDraft | null {
  if (value === null || value === undefined) return { currency: 'USD', rows: [] };
  if (!isObject(value)) return null;
  const models = value.models ?? {};
  if (!isObject(models) || !Object.values(models).every(isObject)) return null;
  const rows = Object.entries(models as Record<string, Record<string, unknown>>).map(
    ([model, entry], index) => {
      const { input_per_mtok: input, output_per_mtok: output, ...extra } = entry;
      return { key: `${index}`, model, input: price(input), output: price(output), extra };
    },
  );
  return { currency: typeof value.currency === 'string' ? value.currency : 'USD', rows };
}

// Back to the setting's value, or the first problem that would make the server refuse it.
export function writePriceTable(draft: PriceDraft): { value: unknown } | PriceProblem {
  const currency = draft.currency.trim().toUpperCase();
  if (currency.length === 0 || currency.length > 8) return { error: 'currency' };
  const models: Record<string, Record<string, unknown>> = {};
  for (const row of draft.rows) {
    const model = row.model.trim();
    if (!model) return { error: 'empty' };
    if (model in models) return { error: 'duplicate', model };
    if (row.input === null || row.output === null || row.input < 0 || row.output < 0) {
      return { error: 'price', model };
    }
    models[model] = { ...row.extra, input_per_mtok: row.input, output_per_mtok: row.output };
  }
  return { value: { currency, models } };
}
