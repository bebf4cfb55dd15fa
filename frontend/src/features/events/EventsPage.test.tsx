import { act, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/test/render';
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
});
