import { createContext, useContext, type ReactNode } from 'react';

import type { RealtimeClient } from '@/lib/wsClient';

const RealtimeContext = createContext<RealtimeClient | null>(null);

interface RealtimeProviderProps {
  client: RealtimeClient;
  children: ReactNode;
}

export function RealtimeProvider({ client, children }: RealtimeProviderProps) {
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

export function useRealtimeClient(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) {
    throw new Error('useRealtimeClient must be used inside <RealtimeProvider>');
  }
  return client;
}
