import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';

import { RealtimeProvider } from '@/lib/RealtimeProvider';

import { FakeRealtimeClient } from './FakeRealtimeClient';

interface Options extends RenderOptions {
  route?: string;
  realtime?: FakeRealtimeClient;
  queryClient?: QueryClient;
}

// Renders with the providers the app gives every page: queries, realtime, router.
export function renderWithProviders(ui: ReactElement, options: Options = {}) {
  const queryClient =
    options.queryClient ??
    new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const realtime = options.realtime ?? new FakeRealtimeClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={realtime}>
        <MemoryRouter initialEntries={[options.route ?? '/']}>{children}</MemoryRouter>
      </RealtimeProvider>
    </QueryClientProvider>
  );
  return { ...render(ui, { wrapper, ...options }), queryClient, realtime };
}

// user-event checks pointer-events through getComputedStyle on every action, which is slow over
// antd's injected styles in jsdom; the components under test never disable pointer events.
export function setupUser() {
  return userEvent.setup({ pointerEventsCheck: 0 });
}
