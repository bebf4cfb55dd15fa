import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { RealtimeProvider } from '@/lib/RealtimeProvider';
import { FakeRealtimeClient } from '@/test/FakeRealtimeClient';
import { makeBot } from '@/test/fixtures';
import { setupUser } from '@/test/render';
import { server } from '@/test/server';

import { BotPage } from './BotPage';

vi.mock('./components/CodeEditor', async () => ({
  CodeEditor: (await import('./test/mockEditor')).PlainEditor,
}));

function renderBotPage(path: string, bot = makeBot()) {
  server.use(
    http.get('http://localhost:3000/api/bots/test-bot', () => HttpResponse.json(bot)),
    http.get('http://localhost:3000/api/bots/test-bot/files/:name', ({ params }) =>
      HttpResponse.json({ name: params.name, content: 'original', etag: '"v1"' }),
    ),
    http.get('http://localhost:3000/api/bots/test-bot/logs', () => HttpResponse.json({ lines: [] })),
  );
  const router = createMemoryRouter([{ path: '/bots/:id/:tab?', element: <BotPage /> }], {
    initialEntries: [path],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={new FakeRealtimeClient()}>
        <RouterProvider router={router} />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return router;
}

describe('BotPage', () => {
  // The tabs are lazy chunks; loading them here keeps their first-time transform (slow on a busy
  // machine) out of the tests' own time.
  beforeAll(async () => {
    await Promise.all([import('./tabs/PersonaTab'), import('./tabs/LogsTab')]);
  }, 180_000);

  it('asks before a tab switch drops unsaved persona edits', { timeout: 120_000 }, async () => {
    const user = setupUser();
    const router = renderBotPage('/bots/test-bot/persona');
    // The tab's chunk is loaded on demand, which takes a moment in a cold test run.
    const editor = await screen.findByLabelText('AGENTS.md editor', {}, { timeout: 15_000 });
    fireEvent.change(editor, { target: { value: 'edited' } });

    await user.click(screen.getByTestId('bot-tab-logs'));
    expect(await screen.findByText('Discard unsaved changes?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(router.state.location.pathname).toBe('/bots/test-bot/persona');
    expect(editor).toHaveValue('edited');

    await user.click(screen.getByTestId('bot-tab-logs'));
    await user.click(await screen.findByRole('button', { name: 'Discard and leave' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/bots/test-bot/logs'));
    expect(await screen.findByText(/No output yet/, {}, { timeout: 15_000 })).toBeInTheDocument();
  });

  it('shows restart-needed and drift banners from the bot object', { timeout: 120_000 }, async () => {
    renderBotPage(
      '/bots/test-bot/logs',
      makeBot({
        needs_restart: true,
        drift: { desired: 'running', actual: 'exited', reason: 'exit code 137 (out of memory)' },
      } as never),
    );
    expect(await screen.findByTestId('restart-banner')).toHaveTextContent('Restart needed');
    expect(screen.getByRole('button', { name: 'Restart now' })).toBeInTheDocument();
    expect(screen.getByTestId('drift-banner')).toHaveTextContent(
      'The bot should be running but is exited.',
    );
    expect(screen.getByTestId('drift-banner')).toHaveTextContent('out of memory');
  });
});
