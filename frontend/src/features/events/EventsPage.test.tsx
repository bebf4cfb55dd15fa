import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { EventsPage } from './EventsPage';

const kBase = 'http://localhost:3000';

const event = (id: number, type: string, severity = 'info') => ({
  id,
  bot_id: 'alpha',
  event_type: type,
  severity,
  detail: `${type} detail`,
  request_id: null,
  metadata: {},
  created_at: '2026-01-01T00:00:00Z',
});

describe('EventsPage', () => {
  it('shows the timeline, passes the filters to the server and adds live events on top', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/events`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({
          events: [event(2, 'bot_started', 'warning'), event(1, 'bot_created', 'info')],
          has_more: false,
          next_before_id: null,
        });
      }),
    );
    const { realtime } = renderWithProviders(<EventsPage />, {
      route: '/events?severity=warning',
    });

    expect(await screen.findByText('bot_started')).toBeInTheDocument();
    // Below the severity filter (applied in the page): not shown.
    expect(screen.queryByText('bot_created')).not.toBeInTheDocument();
    // Severity is filtered in the page; the server does not know it.
    expect(queries[0]).not.toContain('severity');
    expect(queries[0]).toContain('limit=50');

    act(() => {
      realtime.emit('events', { type: 'event', event: event(3, 'bot_crashed', 'error') });
      realtime.emit('events', { type: 'event', event: event(4, 'chat_sent', 'info') });
    });
    expect(await screen.findByText('bot_crashed')).toBeInTheDocument();
    // Below the severity filter: not shown.
    expect(screen.queryByText('chat_sent')).not.toBeInTheDocument();
    const items = screen.getAllByTestId('event-item');
    expect(items[0]).toHaveTextContent('bot_crashed');
  });

  it('says so when nothing has happened yet', async () => {
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/events`, () => HttpResponse.json({ events: [] })),
    );
    renderWithProviders(<EventsPage />, { route: '/events' });
    expect(await screen.findByText(/Nothing has happened yet/)).toBeInTheDocument();
  });

  it('pages back with the server’s cursor and narrows to alerts', async () => {
    const user = setupUser();
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
      http.get(`${kBase}/api/events`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        if (query.get('before_id') === '41') {
          return HttpResponse.json({ events: [event(40, 'bot_stopped')], has_more: false, next_before_id: null });
        }
        return HttpResponse.json({ events: [event(42, 'bot_started')], has_more: true, next_before_id: 41 });
      }),
    );
    renderWithProviders(<EventsPage />, { route: '/events?bot_id=alpha&q=disk' });

    await screen.findByText('bot_started');
    expect(queries[0].get('bot_id')).toBe('alpha');
    expect(queries[0].get('q')).toBe('disk');
    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    expect(await screen.findByText('bot_stopped')).toBeInTheDocument();
    expect(screen.getByText('No older events.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Alerts/ }));
    await waitFor(() =>
      expect(queries[queries.length - 1].get('type')).toBe('alert,alert_cleared'),
    );
    expect(queries[queries.length - 1].get('before_id')).toBeNull();
    expect(screen.getByRole('button', { name: /Alerts/ })).toHaveAttribute('aria-pressed', 'true');
  });
});
