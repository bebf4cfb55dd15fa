import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';

import { UsagePage } from './UsagePage';

// ECharts draws on a canvas jsdom does not have; the chart module is replaced by a list of
// what it was given.
vi.mock('./components/UsageCharts', () => ({
  default: (props: { stacked: unknown[]; byBot: unknown[] }) => (
    <div data-testid="charts">
      {props.stacked.length} stacked rows, {props.byBot.length} bots
    </div>
  ),
}));

const kBase = 'http://localhost:3000';

describe('UsagePage', () => {
  it('shows totals, then the charts, from grouped usage rows', async () => {
    const groups: string[] = [];
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/usage`, ({ request }) => {
        const groupBy = new URL(request.url).searchParams.get('group_by') ?? '';
        groups.push(groupBy);
        const row = { requests: 10, errors: 1, total_tokens: 5000, cost: 0.25, cost_status: 'known', latency_p50_ms: 800, latency_p95_ms: 2000 };
        if (groupBy === 'day') return HttpResponse.json({ rows: [{ ...row, day: '2026-01-01' }] });
        if (groupBy === 'bot') return HttpResponse.json({ rows: [{ ...row, bot_id: 'alpha' }] });
        if (groupBy === 'model') return HttpResponse.json({ rows: [{ ...row, model: 'gpt-4o' }] });
        return HttpResponse.json({ rows: [{ ...row, day: '2026-01-01', model: 'gpt-4o' }] });
      }),
    );
    renderWithProviders(<UsagePage />, { route: '/usage' });

    expect(await screen.findByTestId('charts')).toHaveTextContent('1 stacked rows, 1 bots');
    expect(screen.getByTestId('usage-total-requests')).toHaveTextContent('10');
    expect(screen.getByTestId('usage-total-tokens')).toHaveTextContent('5,000');
    expect(screen.getByTestId('usage-total-cost')).toHaveTextContent('$0.25');
    expect(screen.getByTestId('usage-total-errors')).toHaveTextContent('10.0%');
    expect(groups.sort()).toEqual(['bot', 'day', 'day,model', 'model']);
  });

  it('says the server lacks usage data rather than drawing empty charts', async () => {
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/usage`, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'no such API route' } }, { status: 404 }),
      ),
    );
    renderWithProviders(<UsagePage />, { route: '/usage' });
    expect(await screen.findByTestId('not-available')).toBeInTheDocument();
  });
});
