import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { AlertsBadge } from './AlertsBadge';

const kBase = 'http://localhost:3000';

const alert = (id: number, botId: string, rule: string) => ({
  id,
  bot_id: botId,
  rule,
  severity: 'error',
  detail: `${rule} on ${botId}`,
  metadata: { kind: rule, alert_id: id, state: 'firing' },
  opened_at: '2026-01-01T00:00:00Z',
  cleared_at: null,
});

describe('AlertsBadge', () => {
  it('counts open alerts, follows the events topic and lists them with links to the bot', async () => {
    const user = setupUser();
    let open = [alert(7, 'alpha', 'crash_loop')];
    const queries: string[] = [];
    server.use(
      http.get(`${kBase}/api/alerts`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ alerts: open, open_count: open.length });
      }),
    );
    const { realtime } = renderWithProviders(<AlertsBadge />);

    const badge = await screen.findByRole('button', { name: '1 open alert' });
    expect(queries[0]).toContain('state=open');
    expect(realtime.activeTopics()).toContain('events');

    open = [alert(8, 'beta', 'error_rate'), ...open];
    act(() => {
      realtime.emit('events', { type: 'event', event: { id: 90, event_type: 'bot_started' } });
    });
    act(() => {
      realtime.emit('events', {
        type: 'event',
        event: { id: 91, event_type: 'alert', bot_id: 'beta', metadata: { alert_id: 8 } },
      });
    });
    expect(await screen.findByRole('button', { name: '2 open alerts' })).toBe(badge);
    expect(queries).toHaveLength(2);

    await user.click(badge);
    const list = await screen.findByTestId('alert-list');
    const items = within(list).getAllByTestId('alert-item');
    expect(items[0]).toHaveTextContent('High error rate');
    expect(within(items[0]).getByRole('link', { name: 'beta' })).toHaveAttribute('href', '/bots/beta');
    expect(within(items[1]).getByRole('link', { name: 'alpha' })).toHaveAttribute('href', '/bots/alpha');
    expect(screen.getByRole('link', { name: 'Alert history' })).toHaveAttribute(
      'href',
      '/events?type=alert,alert_cleared',
    );

    open = [];
    act(() => {
      realtime.emit('events', { type: 'event', event: { id: 92, event_type: 'alert_cleared' } });
    });
    await waitFor(() => expect(screen.queryAllByTestId('alert-item')).toHaveLength(0));
    expect(screen.getByRole('button', { name: 'No open alerts' })).toBeInTheDocument();
  });
});
