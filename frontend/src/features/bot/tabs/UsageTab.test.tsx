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

describe('UsageTab', () => {
  it('asks for this bot by day and model and shows totals and charts', { timeout: 60_000 }, async () => {
    let query: URLSearchParams | null = null;
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
  });
});
