import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { makeMessage } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { SharePage } from './SharePage';


// Typing character by character is slow in jsdom under load; a change event is what the
// form reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const kBase = 'http://localhost:3000';

describe('SharePage', () => {
  it('asks for the access password, then opens that bot’s chat', async () => {
    const user = setupUser();
    let signedIn = false;
    const passwords: unknown[] = [];
    server.use(
      http.get(`${kBase}/api/share/alpha`, () =>
        signedIn
          ? HttpResponse.json({ id: 'alpha', name: 'Alpha', current_state: 'ready' })
          : HttpResponse.json({ error: { code: 'unauthenticated', message: 'sign in' } }, { status: 401 }),
      ),
      http.post(`${kBase}/api/share/alpha/login`, async ({ request }) => {
        const body = (await request.json()) as { password: string };
        passwords.push(body.password);
        if (body.password !== 'right-one') {
          return HttpResponse.json(
            { error: { code: 'invalid_credentials', message: 'wrong password' } },
            { status: 401 },
          );
        }
        signedIn = true;
        return HttpResponse.json({ csrf_token: 'c', role: 'share', bot_id: 'alpha' });
      }),
      http.get(`${kBase}/api/auth/me`, () => HttpResponse.json({ role: 'share', bot_id: 'alpha', csrf_token: 'c' })),
      http.get(`${kBase}/api/bots/alpha/messages`, () => HttpResponse.json({ messages: [], has_more: false })),
    );
    renderWithProviders(
      <Routes>
        <Route path="/share/:id" element={<SharePage />} />
      </Routes>,
      { route: '/share/alpha' },
    );

    const field = await screen.findByLabelText('Access password');
    fill(field, 'nope');
    await user.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(await screen.findByText('wrong password')).toBeInTheDocument();

    fill(field, 'right-one');
    await user.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(await screen.findByText('Chat with Alpha')).toBeInTheDocument();
    expect(await screen.findByText(/No messages yet/)).toBeInTheDocument();
    expect(passwords).toEqual(['nope', 'right-one']);
  });

  it('rates an answer through the bot’s own feedback route, which a share session may call', async () => {
    const user = setupUser();
    const rated: Array<{ path: string; body: unknown }> = [];
    const answer = makeMessage({ id: 5, bot_id: 'alpha', role: 'assistant', text: 'Hi there' });
    server.use(
      http.get(`${kBase}/api/share/alpha`, () =>
        HttpResponse.json({ id: 'alpha', name: 'Alpha', current_state: 'ready' }),
      ),
      http.get(`${kBase}/api/auth/me`, () => HttpResponse.json({ role: 'share', bot_id: 'alpha', csrf_token: 'c' })),
      http.get(`${kBase}/api/bots/alpha/messages`, () => HttpResponse.json({ messages: [answer], has_more: false })),
      http.get(`${kBase}/api/settings/public`, () => HttpResponse.json({ settings: {} })),
      http.put(`${kBase}/api/bots/alpha/messages/5/feedback`, async ({ request }) => {
        rated.push({ path: new URL(request.url).pathname, body: await request.json() });
        return HttpResponse.json({ ...answer, feedback: 'up' });
      }),
      http.put(`${kBase}/api/messages/:id/feedback`, () =>
        HttpResponse.json({ error: { code: 'forbidden', message: 'not allowed' } }, { status: 403 }),
      ),
    );
    renderWithProviders(
      <Routes>
        <Route path="/share/:id" element={<SharePage />} />
      </Routes>,
      { route: '/share/alpha' },
    );

    await screen.findByText('Hi there');
    await user.click(screen.getByRole('button', { name: 'Good answer' }));

    await waitFor(() => expect(rated).toEqual([{ path: '/api/bots/alpha/messages/5/feedback', body: { feedback: 'up' } }]));
  });
});
