import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';

import { FleetPage } from './FleetPage';


// Typing character by character is slow in jsdom under load; a change event is what the
// form reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const kBase = 'http://localhost:3000';

function serveFleet() {
  const started: string[] = [];
  server.use(
    http.get(`${kBase}/api/bots`, () =>
      HttpResponse.json({
        bots: [
          makeBot({ id: 'alpha', current_state: 'ready', stats: { cpu_percent: 12.5, memory_bytes: 64 * 1024 * 1024, memory_limit_bytes: 512 * 1024 * 1024, storage_bytes: null, sampled_at: '2026-01-01T00:00:00Z' } }),
          makeBot({ id: 'beta', current_state: 'stopped', docker_status: 'exited' }),
          makeBot({ id: 'gamma', current_state: 'stopped', docker_status: 'exited' }),
        ],
      }),
    ),
    http.get(`${kBase}/api/usage/fleet-today`, () =>
      HttpResponse.json({ day: '2026-01-01', bots: [{ bot_id: 'alpha', requests: 7, total_tokens: 1234 }] }),
    ),
    http.post(`${kBase}/api/bots/:id/start`, ({ params }) => {
      const id = String(params.id);
      started.push(id);
      if (id === 'gamma') {
        return HttpResponse.json(
          { error: { code: 'missing_env', message: 'gamma has no OPENAI_API_KEY' } },
          { status: 400 },
        );
      }
      return HttpResponse.json(makeBot({ id, current_state: 'starting', docker_status: 'running' }), { status: 202 });
    }),
  );
  return started;
}

// Every breakpoint matches, so the columns a wide screen shows are rendered.
const narrowMatchMedia = window.matchMedia;
beforeEach(() => {
  window.matchMedia = ((query: string) => ({
    ...narrowMatchMedia(query),
    matches: query.includes('min-width'),
  })) as typeof window.matchMedia;
});
afterEach(() => {
  window.matchMedia = narrowMatchMedia;
});

describe('FleetPage', () => {
  it('shows live use and today’s usage from one request, and searches', async () => {
    serveFleet();
    renderWithProviders(<FleetPage />);

    const alphaRow = (await screen.findByText('alpha')).closest('tr') as HTMLElement;
    expect(within(alphaRow).getByTestId('bot-resources')).toHaveTextContent('12.5% · 64 MB / 512 MB');
    await waitFor(() =>
      expect(within(alphaRow).getByTestId('bot-today')).toHaveTextContent('7 req · 1.2K tok'),
    );

    fill(screen.getByPlaceholderText('Search id, name or image'), 'bet');
    await waitFor(() => expect(screen.queryByText('alpha')).not.toBeInTheDocument());
    expect(screen.getByText('beta')).toBeInTheDocument();
    expect(screen.getByTestId('fleet-count')).toHaveTextContent('1 of 3 shown');
  });

});
