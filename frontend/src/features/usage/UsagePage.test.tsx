import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';

import { UsagePage } from './UsagePage';

// ECharts draws on a canvas jsdom does not have; the chart modules are replaced by a line
// saying what they were given.
vi.mock('./components/UsageCharts', () => ({
  default: (props: { stacked: unknown[]; stackKey: string }) => (
    <div data-testid="charts">
      {props.stacked.length} stacked rows by {props.stackKey}
    </div>
  ),
}));
vi.mock('./components/SourceChart', () => ({
  default: (props: { rows: unknown[] }) => (
    <div data-testid="source-chart">{props.rows.length} source rows</div>
  ),
}));

const kBase = 'http://localhost:3000';

const figures = (overrides: Record<string, unknown> = {}) => ({
  requests: 10,
  errors: 1,
  error_rate: 0.1,
  input_tokens: 4000,
  output_tokens: 1000,
  total_tokens: 5000,
  latency_p50_ms: 800,
  latency_p95_ms: 2000,
  cost: 0.25,
  cost_status: 'known',
  unpriced_tokens: 0,
  ...overrides,
});

function serveUsage(totals: Record<string, unknown>, groups: string[] = []) {
  server.use(
    http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
    http.get(`${kBase}/api/usage`, ({ request }) => {
      const groupBy = new URL(request.url).searchParams.get('group_by') ?? '';
      groups.push(groupBy);
      const base = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z', tz: 'UTC', currency: 'USD', totals };
      const rows: Record<string, unknown>[] =
        groupBy === 'bot'
          ? [
              { ...figures({ cost: null, cost_status: 'unknown', unpriced_tokens: 900 }), bot_id: 'gamma' },
              { ...figures({ cost: 0.4 }), bot_id: 'alpha' },
              { ...figures({ cost: 0.1, cost_status: 'partial' }), bot_id: 'beta' },
            ]
          : [{ ...totals, day: '2026-01-01', model: 'gpt-4o', bot_id: 'alpha' }];
      return HttpResponse.json({ ...base, group_by: groupBy.split(','), rows });
    }),
    http.get(`${kBase}/api/usage/sources`, () =>
      HttpResponse.json({
        from: '2026-01-01',
        to: '2026-01-07',
        currency: 'USD',
        rows: [
          { day: '2026-01-01', source: 'dashboard', requests: 3, input_tokens: 100, output_tokens: 20, total_tokens: 120, cost: 0.01, cost_status: 'known' },
          { day: '2026-01-02', source: 'cron', requests: 2, input_tokens: 50, output_tokens: 10, total_tokens: 60, cost: null, cost_status: 'unknown' },
        ],
      }),
    ),
  );
}

describe('UsagePage', () => {
  it('shows the server’s totals, the charts, top bots by cost and spend by source', async () => {
    const groups: string[] = [];
    serveUsage(figures(), groups);
    renderWithProviders(<UsagePage />, { route: '/usage' });

    expect(await screen.findByTestId('charts', {}, { timeout: 30_000 })).toHaveTextContent(
      '1 stacked rows by model',
    );
    expect(screen.getByTestId('usage-total-requests')).toHaveTextContent('10');
    expect(screen.getByTestId('usage-total-tokens')).toHaveTextContent('5,000');
    expect(screen.getByTestId('usage-total-cost')).toHaveTextContent('$0.25');
    expect(screen.getByTestId('usage-total-errors')).toHaveTextContent('10.0%');
    expect(screen.getByTestId('usage-total-latency')).toHaveTextContent('800 ms / 2,000 ms');
    expect(groups.sort()).toEqual(['bot', 'day', 'day,model', 'model']);
    const csv = new URL(screen.getByTestId('usage-csv').getAttribute('href') ?? '', kBase);
    expect(csv.pathname).toBe('/api/usage');
    expect(csv.searchParams.get('format')).toBe('csv');

    // Priced bots by cost first; the unpriced one last, as "unknown" and never $0.
    const top = within(screen.getByTestId('top-bots')).getAllByRole('row').slice(1);
    expect(top.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^alpha.*\$0\.40$/),
      expect.stringMatching(/^beta.*\$0\.10 partial$/),
      expect.stringMatching(/^gamma.*unknown$/),
    ]);

    const sources = await screen.findByTestId('sources-table');
    expect(within(sources).getByText('Dashboard chat').closest('tr')).toHaveTextContent('$0.01');
    expect(within(sources).getByText('Cron and heartbeat').closest('tr')).toHaveTextContent('unknown');
    expect(screen.getByTestId('source-chart')).toHaveTextContent('2 source rows');
  });

  it('shows an unknown total cost as unknown, not as zero', async () => {
    serveUsage(figures({ cost: null, cost_status: 'unknown', unpriced_tokens: 5000 }));
    renderWithProviders(<UsagePage />, { route: '/usage' });

    const cost = await screen.findByTestId('usage-total-cost');
    expect(cost).toHaveTextContent('unknown');
    expect(cost).not.toHaveTextContent('$0');
  });

  it('shows the server’s message when the report fails', async () => {
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/usage`, () =>
        HttpResponse.json({ error: { code: 'invalid_tz', message: 'unknown time zone' } }, { status: 400 }),
      ),
      http.get(`${kBase}/api/usage/sources`, () =>
        HttpResponse.json({ from: '2026-01-01', to: '2026-01-07', currency: 'USD', rows: [] }),
      ),
    );
    renderWithProviders(<UsagePage />, { route: '/usage' });

    expect(await screen.findByTestId('usage-error')).toHaveTextContent('unknown time zone');
    expect(screen.queryByTestId('not-available')).not.toBeInTheDocument();
  });
});
