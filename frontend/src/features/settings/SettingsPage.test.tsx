import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { SettingsPage } from './SettingsPage';


// Typing character by character is slow in jsdom under load; a change event is what the
// form reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const kBase = 'http://localhost:3000';

const categories = [
  {
    category: 'usage',
    settings: [
      {
        key: 'usage.price_table',
        name: 'Model prices',
        description: 'USD per million tokens',
        value_type: 'json',
        value: { currency: 'USD', models: { 'gpt-4o': { input: 2.5, output: 10 } } },
        is_public: false,
        sort_order: 10,
      },
      {
        key: 'usage.retention_days',
        name: 'Retention',
        description: 'Days to keep usage rows',
        value_type: 'integer',
        value: 90,
        is_public: false,
        sort_order: 20,
        min: 1,
        max: 3650,
      },
    ],
  },
];

describe('SettingsPage', () => {
  it('edits the price table as rows and saves it as JSON', async () => {
    const user = setupUser();
    const saved: Array<{ key: string; body: unknown }> = [];
    server.use(
      http.get(`${kBase}/api/settings`, () => HttpResponse.json({ categories })),
      http.put(`${kBase}/api/settings/:key`, async ({ params, request }) => {
        saved.push({ key: String(params.key), body: await request.json() });
        return HttpResponse.json({});
      }),
    );
    renderWithProviders(<SettingsPage />, { route: '/settings' });

    const table = await screen.findByTestId('price-table');
    fill(within(table).getByLabelText('gpt-4o input'), '3');
    const setting = table.closest('[data-testid="setting"]') as HTMLElement;
    await user.click(within(setting).getByText('Save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      key: 'usage.price_table',
      body: {
        value: { currency: 'USD', models: { 'gpt-4o': { input: 3, output: 10 } } },
      },
    });
  });

  it('shows the server’s message when it refuses a value', async () => {
    const user = setupUser();
    server.use(
      http.get(`${kBase}/api/settings`, () => HttpResponse.json({ categories })),
      http.put(`${kBase}/api/settings/:key`, () =>
        HttpResponse.json({ error: { code: 'invalid_value', message: 'must be at most 3650' } }, { status: 400 }),
      ),
    );
    renderWithProviders(<SettingsPage />, { route: '/settings' });

    const field = await screen.findByLabelText('Retention');
    fill(field, '');
    fill(field, '12');
    const setting = field.closest('[data-testid="setting"]') as HTMLElement;
    await user.click(within(setting).getByRole('button', { name: 'Save' }));
    expect(await within(setting).findByText('must be at most 3650')).toBeInTheDocument();
  });

  it('shows a clear state on a server without settings', async () => {
    server.use(
      http.get(`${kBase}/api/settings`, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'no such API route' } }, { status: 404 }),
      ),
    );
    renderWithProviders(<SettingsPage />, { route: '/settings' });
    expect(await screen.findByTestId('not-available')).toBeInTheDocument();
  });
});
