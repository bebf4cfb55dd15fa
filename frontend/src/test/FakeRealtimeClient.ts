import type { FrameListener, ServerFrame } from '@/lib/wsClient';
import { RealtimeClient } from '@/lib/wsClient';

// A RealtimeClient whose frames come from the test instead of a socket.
export class FakeRealtimeClient extends RealtimeClient {
  private readonly listeners = new Map<string, Set<FrameListener>>();

  override subscribe(topic: string, listener: FrameListener): () => void {
    const set = this.listeners.get(topic) ?? new Set<FrameListener>();
    set.add(listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener);
  }

  activeTopics(): string[] {
    return Array.from(this.listeners.entries())
      .filter(([, set]) => set.size > 0)
      .map(([topic]) => topic);
  }

  emit(topic: string, frame: ServerFrame): void {
    for (const listener of Array.from(this.listeners.get(topic) ?? [])) {
      listener(frame);
    }
  }
}
