import { useEffect, useRef } from 'react';

import { useRealtimeClient } from './RealtimeProvider';
import type { FrameListener } from './wsClient';

// Subscribes to a realtime topic while the component is mounted. The listener may change on
// every render; only a change of topic re-subscribes. A null topic subscribes to nothing.
export function useTopic(topic: string | null, listener: FrameListener): void {
  const client = useRealtimeClient();
  const listenerRef = useRef(listener);
  listenerRef.current = listener;

  useEffect(() => {
    if (!topic) return undefined;
    return client.subscribe(topic, (frame) => listenerRef.current(frame));
  }, [client, topic]);
}
