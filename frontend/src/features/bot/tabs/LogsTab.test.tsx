import { act, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { LogsTab } from './LogsTab';

const kLogsUrl = 'http://localhost:3000/api/bots/test-bot/logs';

describe('LogsTab', () => {
  it('shows the tail, appends live lines and filters by search', async () => {
    const user = setupUser();
    let tail: string | null = null;
    server.use(
      http.get(kLogsUrl, ({ request }) => {
        tail = new URL(request.url).searchParams.get('tail');
        return HttpResponse.json({
          lines: [
            { stream: 'stdout', text: 'gateway listening', time: '2026-01-01T00:00:01.000Z' },
            { stream: 'stderr', text: 'warning: slow provider', time: '2026-01-01T00:00:02.000Z' },
          ],
        });
      }),
    );
    const { realtime } = renderWithProviders(<LogsTab bot={makeBot()} />);
    await screen.findByText('gateway listening');
    expect(tail).toBe('500');
    expect(realtime.activeTopics()).toContain('logs:test-bot');

    act(() => {
      realtime.emit('logs:test-bot', {
        type: 'log_line', bot_id: 'test-bot', stream: 'stdout', text: 'turn finished', time: null,
      });
    });
    expect(screen.getAllByTestId('log-line')).toHaveLength(3);

    await user.type(screen.getByLabelText('Search the log'), 'SLOW');
    const lines = screen.getAllByTestId('log-line');
    expect(lines).toHaveLength(1);
    expect(lines[0].querySelector('mark')).toHaveTextContent('slow');
    expect(screen.getByTestId('log-count')).toHaveTextContent('1 of 3 lines');
  });

  it('holds live lines while paused and shows them on follow', async () => {
    const user = setupUser();
    server.use(http.get(kLogsUrl, () => HttpResponse.json({ lines: [] })));
    const { realtime } = renderWithProviders(<LogsTab bot={makeBot()} />);
    await screen.findByText(/No output yet/);

    await user.click(screen.getByRole('button', { name: /Pause/ }));
    act(() => {
      realtime.emit('logs:test-bot', { type: 'log_line', bot_id: 'test-bot', stream: 'stdout', text: 'late' });
    });
    expect(screen.queryByText('late')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Follow/ }));
    expect(await screen.findByText('late')).toBeInTheDocument();
  });

  it('says plainly when the server has no log API', async () => {
    server.use(
      http.get(kLogsUrl, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'no such API route' } }, { status: 404 }),
      ),
    );
    renderWithProviders(<LogsTab bot={makeBot()} />);
    expect(await screen.findByTestId('tab-not-available')).toBeInTheDocument();
  });
});
