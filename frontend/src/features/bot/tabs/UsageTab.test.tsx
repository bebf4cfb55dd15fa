import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';

import { UsageTab } from './UsageTab';

// ECharts draws on a canvas jsdom does not have; the chart's input is what is checked here.
vi.mock('../components/UsageCharts', () => ({
  default: ({ rows }: { rows: unknown[] }) => <div data-testid="usage-charts">{rows.length} rows</div>,
}));
vi.mock('@/features/usage/components/SourceChart', () => ({
  default: ({ rows }: { rows: unknown[] }) => <div data-testid="source-chart">{rows.length} source rows</div>,
}));

function serveSources(seen: URLSearchParams[] = []) {
  server.use(
    http.get('http://localhost:3000/api/usage/sources', ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return HttpResponse.json({
        from: '2026-01-01', to: '2026-01-07', currency: 'USD',
        rows: [{ day: '2026-01-03', bot_id: 'test-bot', source: 'dream', requests: 1, input_tokens: 30, output_tokens: 5, total_tokens: 35, cost: 0.002, cost_status: 'known' }],
      });
    }),
  );
}

describe('UsageTab', () => {
  it('asks for this bot by day and model and shows totals and charts', { timeout: 60_000 }, async () => {
    let query: URLSearchParams | null = null;
    const sourceQueries: URLSearchParams[] = [];
    serveSources(sourceQueries);
    server.use(
      http.get('http://localhost:3000/api/usage', ({ request }) => {
        query = new URL(request.url).searchParams;
        const figures = { requests: 12, errors: 1, error_rate: 0.0833, input_tokens: 3400, output_tokens: 900, total_tokens: 4300, cost: 0.00105, cost_status: 'known' };
        return HttpResponse.json({
          from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z', currency: 'USD',
          rows: [{ day: '2026-01-03', model: 'gpt-4o-mini', ...figures }],
          totals: figures,
        });
      }),
    );
    renderWithProviders(<UsageTab bot={makeBot()} />);
    expect(await screen.findByTestId('usage-charts', {}, { timeout: 10_000 })).toHaveTextContent('1 rows');
    expect(query!.get('bot_id')).toBe('test-bot');
    expect(query!.get('group_by')).toBe('day,model');
    expect(screen.getByText('4,300')).toBeInTheDocument();
    await waitFor(() => expect(document.body).toHaveTextContent('Error rate8.3%'));

    expect(await screen.findByText('Memory job')).toBeInTheDocument();
    expect(sourceQueries[0].get('bot_id')).toBe('test-bot');
    expect(sourceQueries[0].get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('marks a partly priced cost and shows a failure with the server’s message', { timeout: 60_000 }, async () => {
    serveSources();
    let fail = false;
    server.use(
      http.get('http://localhost:3000/api/usage', () => {
        if (fail) {
          return HttpResponse.json({ error: { code: 'invalid_range', message: 'range too long' } }, { status: 400 });
        }
        const figures = { requests: 2, errors: 0, input_tokens: 10, output_tokens: 5, total_tokens: 15, cost: 0.5, cost_status: 'partial', unpriced_tokens: 7 };
        return HttpResponse.json({ from: 'a', to: 'b', currency: 'USD', rows: [], totals: figures });
      }),
    );
    const { queryClient } = renderWithProviders(<UsageTab bot={makeBot()} />);
    expect(await screen.findByText('partial')).toBeInTheDocument();
    expect(screen.getByTestId('usage-total-cost')).toHaveTextContent('$0.5');

    fail = true;
    await queryClient.resetQueries({ queryKey: ['usage'] });
    expect(await screen.findByTestId('tab-error')).toHaveTextContent('range too long');
    expect(screen.queryByTestId('tab-not-available')).not.toBeInTheDocument();
  });
});
