import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { EnvTab } from './EnvTab';

const kEnvUrl = 'http://localhost:3000/api/bots/test-bot/env';

describe('EnvTab', () => {
  it('keeps secrets masked, checks names and saves the whole list', { timeout: 60_000 }, async () => {
    const user = setupUser();
    let sent: unknown = null;
    server.use(
      http.get(kEnvUrl, () =>
        HttpResponse.json({
          etag: '"e1"',
          variables: [
            { name: 'OPENAI_API_KEY', value: 'sk-a••••wxyz', secret: true },
            { name: 'TZ', value: 'UTC', secret: false },
          ],
          resources: { cpus: 1, memory_mb: 512, storage_mb: 1024 },
        }),
      ),
      http.put(kEnvUrl, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ etag: '"e2"', ...(sent as object), resources: {} });
      }),
    );
    renderWithProviders(<EnvTab bot={makeBot()} />);
    await screen.findByDisplayValue('TZ');
    const secret = screen.getByDisplayValue('sk-a••••wxyz');
    expect(secret).toHaveAttribute('type', 'password');

    await user.click(screen.getByRole('button', { name: /Add variable/ }));
    const names = screen.getAllByLabelText('Name');
    await user.type(names[2], 'TZ');
    expect(screen.getByText('Already used above.')).toBeInTheDocument();
    expect(screen.getByTestId('env-save')).toBeDisabled();

    await user.clear(names[2]);
    await user.type(names[2], 'LOG_LEVEL');
    await user.type(screen.getAllByLabelText('Value')[2], 'debug');
    await user.click(screen.getByTestId('env-save'));

    await waitFor(() =>
      expect(sent).toEqual({
        variables: [
          { name: 'OPENAI_API_KEY', value: 'sk-a••••wxyz', secret: true },
          { name: 'TZ', value: 'UTC', secret: false },
          { name: 'LOG_LEVEL', value: 'debug', secret: false },
        ],
      }),
    );
  });
});
