import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { server } from '@/test/server';

import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './apiClient';

const kBase = 'http://localhost:3000';

describe('apiClient', () => {
  afterEach(() => {
    setCsrfToken(null);
    setUnauthorizedHandler(null);
  });

  it('sends the CSRF token on writes only', async () => {
    const seen: Record<string, string | null> = {};
    server.use(
      http.get(`${kBase}/api/bots`, ({ request }) => {
        seen.get = request.headers.get('X-CSRF-Token');
        return HttpResponse.json({ bots: [] });
      }),
      http.post(`${kBase}/api/bots/alpha/start`, ({ request }) => {
        seen.post = request.headers.get('X-CSRF-Token');
        return HttpResponse.json({ id: 'alpha' }, { status: 202 });
      }),
    );
    setCsrfToken('token-123');

    await api.get('/api/bots');
    await api.post('/api/bots/alpha/start');

    expect(seen).toEqual({ get: null, post: 'token-123' });
  });

  it('throws a typed ApiError with the server code and message', async () => {
    server.use(
      http.post(`${kBase}/api/bots`, () =>
        HttpResponse.json(
          { error: { code: 'bot_exists', message: 'A bot with id alpha exists.' } },
          { status: 409 },
        ),
      ),
    );

    const error = await api.post('/api/bots', { id: 'alpha' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'bot_exists',
      message: 'A bot with id alpha exists.',
    });
  });

  it('calls the unauthorized handler on 401 unless the route opts out', async () => {
    server.use(
      http.get(`${kBase}/api/bots`, () =>
        HttpResponse.json(
          { error: { code: 'unauthorized', message: 'Sign in.' } },
          { status: 401 },
        ),
      ),
    );
    const handler = vi.fn();
    setUnauthorizedHandler(handler);

    const optedOut = api.get('/api/bots', { redirectOnUnauthorized: false });
    await expect(optedOut).rejects.toThrow('Sign in.');
    expect(handler).not.toHaveBeenCalled();
    await expect(api.get('/api/bots')).rejects.toMatchObject({ status: 401 });

    expect(handler).toHaveBeenCalledTimes(1);
  });
});
