import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { RealtimeClient, topicOf, type ServerFrame, type SocketLike } from './wsClient';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.readyState = 3;
  }

  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 } as CloseEvent);
  }

  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
}

function makeClient(maxAttempts = 5) {
  const sockets: FakeSocket[] = [];
  const client = new RealtimeClient({
    url: () => 'ws://127.0.0.1:1/api/ws',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    initialDelayMs: 100,
    maxDelayMs: 1_000,
    maxAttempts,
    random: () => 1,
  });
  return { client, sockets };
}

describe('RealtimeClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('routes frames to the topic they belong to', () => {
    expect(topicOf({ type: 'bot_status', bot: {} })).toBe('fleet');
    expect(topicOf({ type: 'chat_delta', bot_id: 'alpha' })).toBe('bot:alpha');
    expect(topicOf({ type: 'resync', topic: 'bot:alpha' })).toBe('bot:alpha');
    expect(topicOf({ type: 'mystery' })).toBeNull();
  });

  it('subscribes once the socket opens and delivers frames of that topic', () => {
    const { client, sockets } = makeClient();
    const frames: ServerFrame[] = [];

    client.subscribe('bot:alpha', (frame) => frames.push(frame));
    sockets[0].open();
    sockets[0].receive({ type: 'chat_delta', bot_id: 'alpha', request_id: 'r', text: 'hi' });
    sockets[0].receive({ type: 'chat_delta', bot_id: 'beta', request_id: 'r', text: 'no' });

    expect(sockets[0].sent).toEqual([{ type: 'subscribe', topic: 'bot:alpha' }]);
    expect(frames).toHaveLength(1);
    expect(frames[0].text).toBe('hi');
  });

  it('delivers an event to the fleet and events listeners once, though the server sends two', () => {
    const { client, sockets } = makeClient();
    const fleet: ServerFrame[] = [];
    const events: ServerFrame[] = [];
    client.subscribe('fleet', (frame) => fleet.push(frame));
    client.subscribe('events', (frame) => events.push(frame));
    sockets[0].open();

    const frame = { type: 'event', event: { id: 7, event_type: 'alert' } };
    sockets[0].receive(frame);
    sockets[0].receive(frame);
    sockets[0].receive({ type: 'event', event: { id: 8, event_type: 'bot_started' } });

    expect(fleet.map((item) => (item.event as { id: number }).id)).toEqual([7, 8]);
    expect(events.map((item) => (item.event as { id: number }).id)).toEqual([7, 8]);
  });

  it('reconnects with capped backoff, subscribes again and asks topics to resync', () => {
    const { client, sockets } = makeClient();
    const frames: ServerFrame[] = [];
    client.subscribe('fleet', (frame) => frames.push(frame));
    sockets[0].open();

    sockets[0].drop();
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1].drop();
    vi.advanceTimersByTime(200);
    sockets[2].drop();
    vi.advanceTimersByTime(400);
    sockets[3].drop();
    vi.advanceTimersByTime(800);
    sockets[4].drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(5);
    vi.advanceTimersByTime(1);
    sockets[5].open();

    expect(sockets).toHaveLength(6);
    expect(sockets[5].sent).toEqual([{ type: 'subscribe', topic: 'fleet' }]);
    expect(frames).toEqual([{ type: 'resync', topic: 'fleet', reason: 'reconnect' }]);
    expect(client.status).toBe('open');
  });

  it('gives up after the attempt limit until asked to retry', () => {
    const { client, sockets } = makeClient(2);
    client.subscribe('fleet', () => undefined);

    sockets[0].drop();
    vi.advanceTimersByTime(100);
    sockets[1].drop();
    vi.advanceTimersByTime(200);
    sockets[2].drop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(3);
    expect(client.status).toBe('offline');
    client.retryNow();

    expect(sockets).toHaveLength(4);
  });

  it('unsubscribes the last listener and closes the idle socket', () => {
    const { client, sockets } = makeClient();
    const stop = client.subscribe('fleet', () => undefined);
    sockets[0].open();

    stop();
    vi.advanceTimersByTime(2_000);

    expect(sockets[0].sent).toContainEqual({ type: 'unsubscribe', topic: 'fleet' });
    expect(sockets[0].readyState).toBe(3);
    expect(client.status).toBe('idle');
  });
});
