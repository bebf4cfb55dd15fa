import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { PersonaTab } from './PersonaTab';

vi.mock('../components/CodeEditor', async () => ({
  CodeEditor: (await import('../test/mockEditor')).PlainEditor,
}));

const kFileUrl = 'http://localhost:3000/api/bots/test-bot/files/:name';

describe('PersonaTab', () => {
  it('saves an edited file with its ETag and previews the Markdown', { timeout: 90_000 }, async () => {
    const user = setupUser();
    let ifMatch: string | null = null;
    let body: unknown = null;
    server.use(
      http.get(kFileUrl, ({ params }) =>
        HttpResponse.json({ name: params.name, content: '# Rules\n', etag: '"v1"', size: 8 }),
      ),
      http.put(kFileUrl, async ({ request, params }) => {
        ifMatch = request.headers.get('If-Match');
        body = await request.json();
        const content = (body as { content: string }).content;
        return HttpResponse.json({ name: params.name, content, etag: '"v2"', size: 10 });
      }),
    );
    renderWithProviders(<PersonaTab bot={makeBot()} />);

    const editor = await screen.findByLabelText('AGENTS.md editor');
    const save = within(screen.getByTestId('persona-AGENTS.md')).getByTestId('persona-save');
    expect(save).toBeDisabled();
    fireEvent.change(editor, { target: { value: '# Rules\n\nBe **brief**.' } });
    expect(within(screen.getByTestId('persona-preview')).getByText('brief').tagName).toBe('STRONG');

    await user.click(save);
    await waitFor(() => expect(body).toEqual({ content: '# Rules\n\nBe **brief**.' }));
    expect(ifMatch).toBe('"v1"');
    await waitFor(() => expect(save).toBeDisabled());
  });

  it('offers a comparison when the file changed on the server', { timeout: 90_000 }, async () => {
    const user = setupUser();
    let serverCopy = { content: 'line one\n', etag: '"v1"' };
    server.use(
      http.get(kFileUrl, ({ params }) => HttpResponse.json({ name: params.name, ...serverCopy })),
      http.put(kFileUrl, () =>
        HttpResponse.json(
          { error: { code: 'stale_etag', message: 'the file changed since it was read' } },
          { status: 409 },
        ),
      ),
    );
    renderWithProviders(<PersonaTab bot={makeBot()} />);
    const editor = await screen.findByLabelText('AGENTS.md editor');
    serverCopy = { content: 'line one\nadded by the bot\n', etag: '"v2"' };
    fireEvent.change(editor, { target: { value: 'line one\nmine\n' } });

    await user.click(screen.getAllByTestId('persona-save')[0]);

    const diff = await screen.findByTestId('conflict-diff');
    expect(diff).toHaveTextContent('- added by the bot');
    expect(diff).toHaveTextContent('+ mine');
    await user.click(screen.getByTestId('conflict-reload'));
    await waitFor(() => expect(editor).toHaveValue('line one\nadded by the bot\n'));
  });

  it('lists saved versions with their diff and restores one', { timeout: 90_000 }, async () => {
    const user = setupUser();
    let restoredWith: string | null = null;
    server.use(
      http.get(kFileUrl, ({ params }) =>
        HttpResponse.json({ name: params.name, content: 'current', etag: '"v3"' }),
      ),
      http.get('http://localhost:3000/api/bots/test-bot/revisions', ({ request }) => {
        expect(new URL(request.url).searchParams.get('file')).toBe('AGENTS.md');
        return HttpResponse.json({
          revisions: [
            { revision: 2, file: 'AGENTS.md', actor: 'admin', summary: 'AGENTS.md', created_at: '2026-01-01T00:00:00Z' },
          ],
        });
      }),
      http.get('http://localhost:3000/api/bots/test-bot/revisions/2', () =>
        HttpResponse.json({
          revision: 2, file: 'AGENTS.md', actor: 'admin', created_at: '2026-01-01T00:00:00Z',
          content: 'older', diff: '--- AGENTS.md@1\n+++ AGENTS.md@2\n-first\n+older', previous_revision: 1,
        }),
      ),
      http.post('http://localhost:3000/api/bots/test-bot/revisions/2/restore', ({ request }) => {
        restoredWith = request.headers.get('If-Match');
        return HttpResponse.json({ name: 'AGENTS.md', content: 'older', etag: '"v4"', revision: 5 });
      }),
    );
    renderWithProviders(<PersonaTab bot={makeBot()} />);
    const editor = await screen.findByLabelText('AGENTS.md editor');

    await user.click(screen.getAllByTestId('revisions-open')[0]);
    await user.click(await screen.findByTestId('revision-item'));
    const diff = await screen.findByTestId('revision-diff');
    expect(diff).toHaveTextContent('+older');
    await user.click(screen.getByRole('button', { name: 'Restore this version' }));
    await user.click(await screen.findByRole('button', { name: 'OK' }));

    await waitFor(() => expect(editor).toHaveValue('older'));
    expect(restoredWith).toBe('"v3"');
  });

  it('says plainly when the server has no persona API', async () => {
    server.use(
      http.get(kFileUrl, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'no such API route' } }, { status: 404 }),
      ),
    );
    renderWithProviders(<PersonaTab bot={makeBot()} />);
    expect(await screen.findByTestId('tab-not-available')).toBeInTheDocument();
  });
});
