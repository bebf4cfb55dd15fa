const kByteUnits = ['B', 'KB', 'MB', 'GB', 'TB'];

// 1536 → "1.5 KB" (binary multiples, one decimal below 10).
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < kByteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${kByteUnits[unit]}`;
}

// 12345 → "12.3K", for token counts in narrow columns; exact values go in a tooltip.
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  );
}

export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale).format(value);
}

export function formatCost(
  value: number | null | undefined,
  locale: string,
  currency = 'USD',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = value < 1 ? 4 : 2;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    // The currency comes from a setting; a code Intl does not know is shown after the number.
    return `${value.toFixed(digits)} ${currency}`;
  }
}
