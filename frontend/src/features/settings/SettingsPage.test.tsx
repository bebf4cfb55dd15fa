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
        value: { currency: 'USD', models: { 'openai/gpt-4o': { input_per_mtok: 2.5, output_per_mtok: 10 } } },
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
  {
    category: 'alerts',
    settings: [
      {
        key: 'alerts.rules',
        name: 'Alert rules',
        description: 'When alerts open',
        value_type: 'json',
        value: { crash_loop: { enabled: true, deaths: 3, minutes: 10 } },
        is_public: false,
        sort_order: 10,
      },
    ],
  },
];

describe('SettingsPage', () => {
  it('edits the price table as rows and saves it in the documented shape', async () => {
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
    fill(within(table).getByLabelText('openai/gpt-4o input price'), '3');
    fill(within(table).getByLabelText('Currency'), 'eur');
    await user.click(within(table).getByRole('button', { name: /Add model/ }));
    const setting = table.closest('[data-testid="setting"]') as HTMLElement;
    expect(within(setting).getByRole('alert')).toHaveTextContent('Every row needs a model name.');
    expect(within(setting).getByRole('button', { name: 'Save' })).toBeDisabled();

    const models = within(table).getAllByLabelText(/^Model/);
    fill(models[1], 'gpt-4o-mini');
    fill(within(table).getByLabelText('gpt-4o-mini input price'), '0.15');
    expect(within(setting).getByRole('alert')).toHaveTextContent('needs an input and an output price');
    fill(within(table).getByLabelText('gpt-4o-mini output price'), '0.6');
    await user.click(within(setting).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      key: 'usage.price_table',
      body: {
        value: {
          currency: 'EUR',
          models: {
            'openai/gpt-4o': { input_per_mtok: 3, output_per_mtok: 10 },
            'gpt-4o-mini': { input_per_mtok: 0.15, output_per_mtok: 0.6 },
          },
        },
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

  it('checks the alert rules’ JSON before saving and shows the server’s 400 message', async () => {
    const user = setupUser();
    const saved: unknown[] = [];
    server.use(
      http.get(`${kBase}/api/settings`, () => HttpResponse.json({ categories })),
      http.put(`${kBase}/api/settings/:key`, async ({ request }) => {
        saved.push(await request.json());
        return HttpResponse.json(
          { error: { code: 'invalid_value', message: 'alerts.rules crash_loop.deaths must be between 1 and 10000' } },
          { status: 400 },
        );
      }),
    );
    renderWithProviders(<SettingsPage />, { route: '/settings?category=alerts' });

    const field = await screen.findByLabelText('Alert rules');
    const setting = field.closest('[data-testid="setting"]') as HTMLElement;
    fill(field, '{"crash_loop": {"deaths": 0');
    expect(within(setting).getByRole('alert')).toHaveTextContent('Not valid JSON');
    expect(within(setting).getByRole('button', { name: 'Save' })).toBeDisabled();
    fill(field, '{"crash_loops": {}}');
    expect(within(setting).getByRole('alert')).toHaveTextContent('Unknown rule “crash_loops”');
    fill(field, '{"crash_loop": {"enabled": "yes"}}');
    expect(within(setting).getByRole('alert')).toHaveTextContent('crash_loop.enabled must be a boolean');

    fill(field, '{"crash_loop": {"enabled": true, "deaths": 0, "minutes": 10}}');
    await user.click(within(setting).getByRole('button', { name: 'Save' }));

    expect(await within(setting).findByText(/must be between 1 and 10000/)).toBeInTheDocument();
    expect(saved).toEqual([{ value: { crash_loop: { enabled: true, deaths: 0, minutes: 10 } } }]);
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
