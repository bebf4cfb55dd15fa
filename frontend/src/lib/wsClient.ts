import { logger } from './logger';

// One WebSocket to /api/ws for the whole page. Hooks subscribe to topics ("fleet", "bot:<id>");
// the socket opens with the first topic, closes a moment after the last one goes, reconnects
// with capped exponential backoff and subscribes every topic again after a reconnect.

export interface ServerFrame {
  type: string;
  [key: string]: unknown;
}

export type FrameListener = (frame: ServerFrame) => void;

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface SocketLike {
  readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  url?: () => string;
  createSocket?: (url: string) => SocketLike;
  initialDelayMs?: number;
  maxDelayMs?: number;
  // Consecutive failed connects before giving up; retryNow() starts over.
  maxAttempts?: number;
  idleCloseMs?: number;
  random?: () => number;
}

const kOpen = 1;

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/ws`;
}

// Server frames carry no topic field, so the topic is derived from the frame type.
export function topicOf(frame: ServerFrame): string | null {
  switch (frame.type) {
    case 'bot_status':
    case 'bot_stats':
    case 'config_changed':
    case 'event':
      return 'fleet';
    case 'chat_message':
    case 'chat_delta':
    case 'chat_reasoning':
    case 'chat_progress':
    case 'chat_feedback':
    case 'chat_snapshot':
    case 'turn_end':
      return typeof frame.bot_id === 'string' ? `bot:${frame.bot_id}` : null;
    case 'log_line':
      return typeof frame.bot_id === 'string' ? `logs:${frame.bot_id}` : null;
    case 'resync':
      return typeof frame.topic === 'string' ? frame.topic : null;
    default:
      return null;
  }
}

// An event-log frame is published on "fleet" and, for the event log, on "events" too; a socket
// subscribed to both receives it twice. It is delivered to the listeners of both topics once.
const kEventTopics = ['fleet', 'events'];
const kRememberedEvents = 256;

function eventIdOf(frame: ServerFrame): number | null {
  const event = frame.event as { id?: unknown } | undefined;
  return typeof event?.id === 'number' ? event.id : null;
}

export class RealtimeClient {
  private readonly options: Required<RealtimeOptions>;
  private readonly topics = new Map<string, Set<FrameListener>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private socket: SocketLike | null = null;
  private currentStatus: ConnectionStatus = 'idle';
  private attempts = 0;
  private everOpened = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  // Ids of the event frames delivered lately, oldest first, to drop the second copy.
  private readonly recentEvents: number[] = [];

  constructor(options: RealtimeOptions = {}) {
    this.options = {
      url: options.url ?? defaultUrl,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url)),
      initialDelayMs: options.initialDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      maxAttempts: options.maxAttempts ?? 60,
      idleCloseMs: options.idleCloseMs ?? 2_000,
      random: options.random ?? Math.random,
    };
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  subscribe(topic: string, listener: FrameListener): () => void {
    let listeners = this.topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.topics.set(topic, listeners);
      this.sendIfOpen({ type: 'subscribe', topic });
    }
    listeners.add(listener);
    this.cancelIdleClose();
    this.ensureConnected();

    return () => this.removeListener(topic, listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  // Starts over after the client gave up ("offline"), e.g. from a "reconnect" button.
  retryNow(): void {
    this.attempts = 0;
    this.clearReconnectTimer();
    if (this.topics.size > 0 && !this.socket) {
      this.connect();
    }
  }

  close(): void {
    this.clearReconnectTimer();
    this.cancelIdleClose();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client closed');
    }
    this.everOpened = false;
    this.attempts = 0;
    this.setStatus('idle');
  }

  private removeListener(topic: string, listener: FrameListener): void {
    const listeners = this.topics.get(topic);
    if (!listeners) return;
    listeners.delete(listener);
    if (listeners.size > 0) return;
    this.topics.delete(topic);
    this.sendIfOpen({ type: 'unsubscribe', topic });
    if (this.topics.size === 0) {
      this.scheduleIdleClose();
    }
  }

  private ensureConnected(): void {
    if (this.socket || this.reconnectTimer || this.currentStatus === 'offline') return;
    this.connect();
  }

  private connect(): void {
    this.setStatus(this.everOpened || this.attempts > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url());
    } catch (cause) {
      logger.warn('websocket could not be created', { error: String(cause) });
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.handleOpen();
    socket.onmessage = (event) => this.handleMessage(event);
    socket.onerror = () => logger.debug('websocket error');
    socket.onclose = (event) => this.handleClose(socket, event);
  }

  private handleOpen(): void {
    const reconnected = this.everOpened;
    this.everOpened = true;
    this.attempts = 0;
    this.setStatus('open');
    for (const topic of this.topics.keys()) {
      this.sendIfOpen({ type: 'subscribe', topic });
    }
    if (reconnected) {
      // Frames sent while the socket was down are lost: tell every topic to reload its data.
      for (const topic of Array.from(this.topics.keys())) {
        this.deliver(topic, { type: 'resync', topic, reason: 'reconnect' });
      }
    }
  }

  private handleMessage(event: MessageEvent): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(event.data)) as ServerFrame;
    } catch {
      logger.warn('websocket frame is not JSON');
      return;
    }
    const topic = frame && typeof frame.type === 'string' ? topicOf(frame) : null;
    if (!topic) {
      logger.debug('websocket frame without a known topic', { type: frame?.type });
      return;
    }
    if (frame.type === 'event') {
      this.deliverEvent(frame);
      return;
    }
    this.deliver(topic, frame);
  }

  private deliverEvent(frame: ServerFrame): void {
    const id = eventIdOf(frame);
    if (id !== null) {
      if (this.recentEvents.includes(id)) return;
      this.recentEvents.push(id);
      if (this.recentEvents.length > kRememberedEvents) this.recentEvents.shift();
    }
    for (const topic of kEventTopics) this.deliver(topic, frame);
  }

  private handleClose(socket: SocketLike, event: CloseEvent): void {
    if (this.socket !== socket) return;
    this.socket = null;
    logger.info('websocket closed', { code: event.code });
    if (this.topics.size === 0) {
      this.setStatus('idle');
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.attempts += 1;
    if (this.attempts > this.options.maxAttempts) {
      logger.warn('websocket gave up reconnecting', { attempts: this.attempts - 1 });
      this.setStatus('offline');
      return;
    }
    const exponential = this.options.initialDelayMs * 2 ** Math.min(this.attempts - 1, 16);
    const capped = Math.min(this.options.maxDelayMs, exponential);
    // Jitter in [50%, 100%] of the delay so many tabs do not reconnect in lockstep.
    const delay = Math.round(capped * (0.5 + this.options.random() / 2));
    this.setStatus('reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.topics.size > 0) this.connect();
      else this.setStatus('idle');
    }, delay);
  }

  private scheduleIdleClose(): void {
    this.cancelIdleClose();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.topics.size === 0) this.close();
    }, this.options.idleCloseMs);
  }

  private cancelIdleClose(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private deliver(topic: string, frame: ServerFrame): void {
    const listeners = this.topics.get(topic);
    if (!listeners) return;
    for (const listener of Array.from(listeners)) {
      try {
        listener(frame);
      } catch (cause) {
        const context = { topic, type: frame.type, error: String(cause) };
        logger.error('websocket listener failed', context);
      }
    }
  }

  private sendIfOpen(frame: { type: string; topic: string }): void {
    if (this.socket && this.socket.readyState === kOpen) {
      this.socket.send(JSON.stringify(frame));
    }
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of Array.from(this.statusListeners)) {
      listener(status);
    }
  }
}
