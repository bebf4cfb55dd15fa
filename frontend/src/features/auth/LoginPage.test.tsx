import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { LoginPage } from './LoginPage';

const kBase = 'http://localhost:3000';

describe('LoginPage', () => {
  it('shows the server error message when sign-in fails', async () => {
    const user = setupUser();
    server.use(
      http.get(`${kBase}/api/auth/me`, () =>
        HttpResponse.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 }),
      ),
      http.post(`${kBase}/api/auth/login`, () =>
        HttpResponse.json(
          { error: { code: 'bad_password', message: 'Wrong password.' } },
          { status: 401 },
        ),
      ),
    );
    renderWithProviders(<LoginPage />, { route: '/login' });

    await user.type(screen.getByLabelText('Password'), 'not-it{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong password.');
  });
});
