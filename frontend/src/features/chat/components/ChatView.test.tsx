import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot, makeMessage } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { ChatView } from './ChatView';

const kMessagesUrl = 'http://localhost:3000/api/bots/test-bot/messages';

function serveHistory(messages = [makeMessage({ id: 1, text: 'earlier question' })]) {
  server.use(
    http.get(kMessagesUrl, () => HttpResponse.json({ messages, has_more: false })),
    http.get('http://localhost:3000/api/settings/public', () =>
      HttpResponse.json({ settings: { 'chat.upload_max_bytes': 1024 } }),
    ),
  );
}

describe('ChatView', () => {
  it('renders streamed deltas, then the stored reply', async () => {
    serveHistory();
    const { realtime } = renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText('earlier question');

    act(() => {
      realtime.emit('bot:test-bot', {
        type: 'chat_delta', bot_id: 'test-bot', request_id: 'req-2', text: 'Hello ',
      });
      realtime.emit('bot:test-bot', {
        type: 'chat_delta', bot_id: 'test-bot', request_id: 'req-2', text: '**world**',
      });
    });
    const streaming = screen
      .getAllByTestId('chat-message')
      .find((node) => node.dataset.streaming === 'true') as HTMLElement;
    expect(streaming).toHaveTextContent('Hello world');
    expect(within(streaming).getByText('world').tagName).toBe('STRONG');

    act(() => {
      realtime.emit('bot:test-bot', {
        type: 'chat_message',
        bot_id: 'test-bot',
        message: makeMessage({
          id: 3,
          role: 'assistant',
          text: 'Hello world!',
          request_id: 'req-2',
        }),
      });
    });
    expect(screen.getByText('Hello world!')).toBeInTheDocument();
    const stillStreaming = screen
      .getAllByTestId('chat-message')
      .filter((node) => node.dataset.streaming);
    expect(stillStreaming).toHaveLength(0);
  });

  it('sanitizes script and event handlers in Markdown replies', async () => {
    serveHistory([
      makeMessage({
        id: 2,
        role: 'assistant',
        text: 'Hi <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 1">\n\n' +
          '[link](javascript:alert(1))',
      }),
    ]);
    renderWithProviders(<ChatView bot={makeBot()} />);

    const bubble = (await screen.findAllByTestId('chat-message'))[0];

    expect(bubble.querySelector('script')).toBeNull();
    expect(bubble.querySelector('img')).toBeNull();
    expect(bubble.querySelector('[onerror]')).toBeNull();
    expect(bubble.querySelector('a[href^="javascript"]')).toBeNull();
    expect(bubble).toHaveTextContent('<script>');
  });

  it('joins a turn mid-way from a snapshot and marks a failed turn', async () => {
    serveHistory([]);
    const { realtime } = renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText(/No messages yet/);

    act(() => {
      realtime.emit('bot:test-bot', {
        type: 'chat_snapshot', bot_id: 'test-bot', request_id: 'req-9', text: 'partial answer',
      });
      realtime.emit('bot:test-bot', {
        type: 'turn_end', bot_id: 'test-bot', request_id: 'req-9', status: 'timeout', usage: {},
      });
    });

    expect(screen.getByText('partial answer')).toBeInTheDocument();
    expect(screen.getByTestId('turn-warning')).toHaveTextContent('Timed out');
  });

  it('marks a stored answer whose turn was interrupted, after a reload', async () => {
    serveHistory([
      makeMessage({
        id: 4,
        role: 'assistant',
        text: 'half an answer',
        request_id: 'req-4',
        status: 'partial',
        turn_status: 'interrupted',
      }),
    ]);
    renderWithProviders(<ChatView bot={makeBot()} />);

    await screen.findByText('half an answer');
    expect(screen.getByTestId('turn-warning')).toHaveTextContent('Interrupted');
  });

  it('sends on Enter and keeps Shift+Enter for a new line', async () => {
    const user = setupUser();
    serveHistory([]);
    let sent: unknown = null;
    server.use(
      http.post(kMessagesUrl, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ message_id: 5, request_id: 'req-5' }, { status: 202 });
      }),
    );
    renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText(/No messages yet/);
    const box = screen.getByRole('textbox');

    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two{Enter}');

    await waitFor(() => expect(sent).toEqual({ text: 'line one\nline two' }));
    expect(await screen.findByText(/line one/)).toBeInTheDocument();
    expect(screen.getByText('Thinking…')).toBeInTheDocument();
  });

  it('suggests slash commands and completes one with Tab', async () => {
    const user = setupUser();
    serveHistory([]);
    renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText(/No messages yet/);
    const box = screen.getByRole('textbox');

    await user.type(box, '/st');
    const hints = screen.getByTestId('slash-hints');
    expect(hints).toHaveTextContent('/stop');
    expect(hints).toHaveTextContent('/status');
    expect(hints).not.toHaveTextContent('/new');

    await user.keyboard('{Tab}');
    expect(box).toHaveValue('/stop');
    expect(screen.queryByTestId('slash-hints')).toBeNull();
  });

  it('sends attachments as base64 and refuses files over the public limit', async () => {
    const user = setupUser();
    serveHistory([]);
    let sent: { text: string; attachments?: unknown[] } | null = null;
    server.use(
      http.post(kMessagesUrl, async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return HttpResponse.json({ message_id: 6, request_id: 'req-6' }, { status: 202 });
      }),
    );
    renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText(/No messages yet/);
    const input = screen.getByTestId('attachment-input');

    // The limit from the public settings is 1024 bytes.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Attach files' })).toHaveAttribute(
        'title',
        'Attach files (up to 1.0 KB each)',
      ),
    );
    await user.upload(input, new File(['x'.repeat(2048)], 'big.bin'));
    expect(screen.getByTestId('attachment-error')).toHaveTextContent('big.bin');

    await user.upload(input, new File(['hi there'], 'note.txt', { type: 'text/plain' }));
    expect(screen.getByTestId('composer-attachments')).toHaveTextContent('note.txt');
    await user.type(screen.getByRole('textbox'), 'see file{Enter}');

    await waitFor(() =>
      expect(sent).toEqual({
        text: 'see file',
        attachments: [{ name: 'note.txt', mime: 'text/plain', data: btoa('hi there') }],
      }),
    );
  });

  it('shows a refused oversized message next to the composer', async () => {
    const user = setupUser();
    serveHistory([]);
    server.use(
      http.post(kMessagesUrl, () =>
        HttpResponse.json(
          { error: { code: 'body_too_large', message: 'request body exceeds 1048576 bytes' } },
          { status: 413 },
        ),
      ),
    );
    renderWithProviders(<ChatView bot={makeBot()} />);
    await screen.findByText(/No messages yet/);

    await user.type(screen.getByRole('textbox'), 'huge{Enter}');

    expect(await screen.findByTestId('send-error')).toHaveTextContent(
      'The message is too large for the server: request body exceeds 1048576 bytes',
    );
    expect(screen.getByRole('textbox')).toHaveValue('huge');
  });

  it('disables sending with a hint when the bot is not running', async () => {
    serveHistory([]);
    renderWithProviders(<ChatView bot={makeBot({ current_state: 'stopped' })} />);

    expect(screen.getByRole('textbox')).toBeDisabled();
    expect(screen.getByTestId('composer-hint')).toHaveTextContent('not running');
  });
});
