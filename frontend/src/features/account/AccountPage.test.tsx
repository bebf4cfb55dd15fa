import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { AccountPage } from './AccountPage';


// Typing character by character is slow in jsdom under load; a change event is what the
// form reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const kBase = 'http://localhost:3000';

describe('AccountPage', () => {
  it('creates an API token and shows it once', async () => {
    const user = setupUser();
    let tokens: unknown[] = [];
    server.use(
      http.get(`${kBase}/api/tokens`, () => HttpResponse.json({ tokens })),
      http.post(`${kBase}/api/tokens`, async ({ request }) => {
        const { name } = (await request.json()) as { name: string };
        const token = { id: 1, name, prefix: 'nbt_1a2b', created_at: '2026-01-01T00:00:00Z', last_used_at: null };
        tokens = [token];
        return HttpResponse.json({ ...token, token: 'nbt_1a2b-secret' }, { status: 201 });
      }),
    );
    renderWithProviders(<AccountPage />, { route: '/account' });

    expect(await screen.findByText(/No API tokens/)).toBeInTheDocument();
    fill(screen.getByLabelText('Name'), 'bk');
    await user.click(screen.getByRole('button', { name: /Create token/ }));

    expect(await screen.findByTestId('new-token')).toHaveTextContent('nbt_1a2b-secret');
    expect(await screen.findByText('bk')).toBeInTheDocument();
  });

  it('checks the new password twice and shows the server’s refusal', async () => {
    const user = setupUser();
    server.use(
      http.get(`${kBase}/api/tokens`, () => HttpResponse.json({ tokens: [] })),
      http.post(`${kBase}/api/auth/password`, () =>
        HttpResponse.json({ error: { code: 'invalid_credentials', message: 'current password is wrong' } }, { status: 403 }),
      ),
    );
    renderWithProviders(<AccountPage />, { route: '/account' });

    const card = screen.getByText('Change the admin password').closest('.ant-card') as HTMLElement;
    fill(within(card).getByLabelText('Current password'), 'old');
    fill(within(card).getByLabelText('New password'), '12345678');
    fill(within(card).getByLabelText('Repeat the new password'), '12345679');
    await user.click(within(card).getByRole('button', { name: 'Change password' }));
    expect(await within(card).findByText('The two new passwords differ.')).toBeInTheDocument();

    fill(within(card).getByLabelText('Repeat the new password'), '');
    fill(within(card).getByLabelText('Repeat the new password'), '12345678');
    await user.click(within(card).getByRole('button', { name: 'Change password' }));
    expect(await within(card).findByText('current password is wrong')).toBeInTheDocument();
  });
});
