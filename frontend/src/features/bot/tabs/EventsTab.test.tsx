import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { EventsTab } from './EventsTab';

const event = (id: number, event_type: string, severity: string) => ({
  id, bot_id: 'test-bot', event_type, severity, detail: `${event_type} detail`,
  request_id: null, metadata: {}, created_at: '2026-01-01T00:00:00Z',
});

describe('EventsTab', () => {
  it('lists the bot’s events, filters by severity and type, and takes live ones', async () => {
    const user = setupUser();
    const queries: string[] = [];
    server.use(
      http.get('http://localhost:3000/api/events', ({ request }) => {
        const url = new URL(request.url);
        queries.push(url.search);
        const all = [event(2, 'bot_stopped', 'info'), event(1, 'container_died', 'error')];
        const type = url.searchParams.get('type');
        return HttpResponse.json({
          events: type ? all.filter((item) => item.event_type === type) : all,
          has_more: false,
          next_before_id: null,
        });
      }),
    );
    const { realtime } = renderWithProviders(<EventsTab bot={makeBot()} />);
    await screen.findByText('container_died detail');
    expect(queries[0]).toContain('bot_id=test-bot');

    await user.click(screen.getByText('Error'));
    expect(screen.getAllByTestId('event-item')).toHaveLength(1);
    await user.click(screen.getByText('All'));

    act(() => {
      realtime.emit('fleet', { type: 'event', event: event(3, 'bot_started', 'info') });
      realtime.emit('fleet', { type: 'event', event: { ...event(4, 'other', 'info'), bot_id: 'other-bot' } });
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('event-item')[0]).toHaveAttribute('data-type', 'bot_started'),
    );
    expect(screen.getAllByTestId('event-item')).toHaveLength(3);

    await user.type(screen.getByLabelText(/Event type/), 'bot_stopped{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('event-item')).toHaveLength(1));
    expect(queries.at(-1)).toContain('type=bot_stopped');
  });
});
