import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { ConfigTab } from './ConfigTab';

vi.mock('../components/CodeEditor', async () => ({
  CodeEditor: (await import('../test/mockEditor')).PlainEditor,
}));

const kConfigUrl = 'http://localhost:3000/api/bots/test-bot/config';
const kConfig = {
  agents: { defaults: { model: 'openai/gpt-4o-mini', provider: 'auto' } },
  providers: { openai: { apiKey: 'sk-a••••wxyz' } },
};

function serveConfig() {
  server.use(
    http.get(kConfigUrl, () => HttpResponse.json({ etag: '"c1"', config: kConfig })),
    http.get('http://localhost:3000/api/config/schema', () =>
      HttpResponse.json({ channels: [], providers: [{ name: 'openai' }] }),
    ),
  );
}

describe('ConfigTab', () => {
  it('shows the model form with the provider key masked', async () => {
    serveConfig();
    renderWithProviders(<ConfigTab bot={makeBot()} />);
    expect(await screen.findByDisplayValue('openai/gpt-4o-mini')).toBeInTheDocument();
    const key = screen.getByPlaceholderText('sk-a••••wxyz');
    expect(key).toHaveValue('');
  });

  it('validates the raw JSON before saving', async () => {
    const user = setupUser();
    serveConfig();
    renderWithProviders(<ConfigTab bot={makeBot()} />);
    await user.click(await screen.findByTestId('config-json-view'));
    const editor = screen.getByLabelText('config.json editor');

    fireEvent.change(editor, { target: { value: '{"agents": ' } });
    expect(screen.getByTestId('config-invalid')).toHaveTextContent('Not valid JSON');
    expect(screen.getByTestId('config-save')).toBeDisabled();

    fireEvent.change(editor, { target: { value: '{"agents": {}, "extra": 1}' } });
    expect(screen.getByTestId('config-invalid')).toHaveTextContent('extra');
  });

  it('turns a stale save into a reload-or-overwrite choice', { timeout: 90_000 }, async () => {
    const user = setupUser();
    serveConfig();
    const ifMatches: string[] = [];
    let stale = true;
    server.use(
      http.put(kConfigUrl, async ({ request }) => {
        ifMatches.push(request.headers.get('If-Match') ?? '');
        if (stale) {
          stale = false;
          return HttpResponse.json(
            { error: { code: 'stale_etag', message: 'changed' } },
            { status: 409 },
          );
        }
        const { config } = (await request.json()) as { config: object };
        return HttpResponse.json({ etag: '"c3"', config });
      }),
    );
    renderWithProviders(<ConfigTab bot={makeBot()} />);
    await user.click(await screen.findByTestId('config-json-view'));
    const edited = JSON.stringify({ ...kConfig, gateway: { heartbeat: { enabled: true } } }, null, 2);
    fireEvent.change(screen.getByLabelText('config.json editor'), { target: { value: edited } });

    await user.click(screen.getByTestId('config-save'));
    await screen.findByTestId('conflict-diff');
    await user.click(screen.getByRole('button', { name: 'Save mine over it' }));

    await waitFor(() => expect(ifMatches).toEqual(['"c1"', '"c1"']));
  });
});
