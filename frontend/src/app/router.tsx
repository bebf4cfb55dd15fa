import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, useRouteError } from 'react-router';

import { ErrorState } from '@/components/ErrorState';
import { PageLoader } from '@/components/PageLoader';
import { logger } from '@/lib/logger';

import { AppShell } from './AppShell';
import { RequireAuth } from './RequireAuth';

// Each page is its own chunk, so signing in downloads only the login form.
const LoginPage = lazy(() =>
  import('@/features/auth/LoginPage').then((module) => ({ default: module.LoginPage })),
);
const FleetPage = lazy(() =>
  import('@/features/fleet/FleetPage').then((module) => ({ default: module.FleetPage })),
);
const BotPage = lazy(() =>
  import('@/features/bot/BotPage').then((module) => ({ default: module.BotPage })),
);
const NotFoundPage = lazy(() =>
  import('./NotFoundPage').then((module) => ({ default: module.NotFoundPage })),
);

function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  logger.error('route failed to render', { error: String(error) });
  return <ErrorState message={t('app.loadFailed')} onRetry={() => window.location.reload()} />;
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      element: (
        <Suspense fallback={<PageLoader fullScreen />}>
          <LoginPage />
        </Suspense>
      ),
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <FleetPage /> },
        { path: 'bots/:id/:tab?', element: <BotPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
