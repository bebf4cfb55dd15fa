import { useSyncExternalStore } from 'react';

import { useRealtimeClient } from './RealtimeProvider';
import type { ConnectionStatus } from './wsClient';

export function useConnectionStatus(): ConnectionStatus {
  const client = useRealtimeClient();
  return useSyncExternalStore(
    (onChange) => client.onStatus(onChange),
    () => client.status,
  );
}
