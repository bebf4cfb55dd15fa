import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { ResourcesTab } from './ResourcesTab';

const kEnvUrl = 'http://localhost:3000/api/bots/test-bot/env';
const kEnv = {
  etag: '"e1"',
  variables: [{ name: 'OPENAI_API_KEY', value: 'sk-a••••wxyz', secret: true }],
  resources: { cpus: 1, memory_mb: 512, storage_mb: 1024, pids: 256 },
  limits: { cpus: { min: 0.1, max: 4 }, memory_mb: { min: 64, max: 8192 } },
  storage_used_mb: 12.5,
};

describe('ResourcesTab', () => {
  it('shows live use from stats frames and saves the quota with the env ETag', { timeout: 60_000 }, async () => {
    const user = setupUser();
    let put: { body: unknown; ifMatch: string | null } | null = null;
    server.use(
      http.get(kEnvUrl, () => HttpResponse.json(kEnv)),
      http.put(kEnvUrl, async ({ request }) => {
        put = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        return HttpResponse.json({ ...kEnv, etag: '"e2"', resources: { ...kEnv.resources, memory_mb: 1024 } });
      }),
    );
    const { realtime } = renderWithProviders(<ResourcesTab bot={makeBot()} />);
    await screen.findByText('Quota');
    expect(screen.getByTestId('resources-live')).toHaveTextContent('No sample yet');

    act(() => {
      realtime.emit('fleet', {
        type: 'bot_stats',
        bot_id: 'test-bot',
        stats: { cpu_percent: 42.5, memory_bytes: 256 * 1024 * 1024, memory_limit_bytes: null, storage_bytes: null },
      });
    });
    await waitFor(() => expect(screen.getByTestId('resources-live')).toHaveTextContent('42.5'));
    expect(screen.getByTestId('resources-live')).toHaveTextContent('256/ 512 MiB');
    expect(screen.getByTestId('resources-live')).toHaveTextContent('12.5/ 1024 MiB');

    const memory = screen.getByLabelText('Memory (MiB)');
    await user.clear(memory);
    await user.type(memory, '1024');
    await user.click(screen.getByTestId('resources-save'));

    await waitFor(() => expect(put).not.toBeNull());
    expect(put!.ifMatch).toBe('"e1"');
    expect(put!.body).toEqual({
      variables: kEnv.variables,
      resources: { cpus: 1, memory_mb: 1024, storage_mb: 1024, pids: 256 },
    });
  });
});
