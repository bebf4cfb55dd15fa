import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';

import { sessionKey } from '@/features/auth/hooks/useSession';
import { setUnauthorizedHandler } from '@/lib/apiClient';
import { RealtimeProvider } from '@/lib/RealtimeProvider';
import { RealtimeClient } from '@/lib/wsClient';

import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { kTheme } from './theme';

export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  const [realtime] = useState(() => new RealtimeClient());
  const [router] = useState(createAppRouter);

  // An expired session anywhere sends the user to sign in again, then back to the same page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = router.state.location;
      // A share session that ended (password changed) goes back to its own password prompt.
      if (pathname.startsWith('/share/')) {
        void queryClient.invalidateQueries({ queryKey: ['share'] });
        return;
      }
      queryClient.removeQueries({ queryKey: sessionKey });
      if (pathname !== '/login') {
        void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, router]);

  useEffect(() => () => realtime.close(), [realtime]);

  return (
    <ConfigProvider locale={i18n.language.startsWith('zh') ? zhCN : enUS} theme={kTheme}>
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider client={realtime}>
          <RouterProvider router={router} />
        </RealtimeProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
