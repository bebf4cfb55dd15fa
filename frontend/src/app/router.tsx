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
const ImagesPage = lazy(() =>
  import('@/features/images/ImagesPage').then((module) => ({ default: module.ImagesPage })),
);
const SkillsPage = lazy(() =>
  import('@/features/skills/SkillsPage').then((module) => ({ default: module.SkillsPage })),
);
const UsagePage = lazy(() =>
  import('@/features/usage/UsagePage').then((module) => ({ default: module.UsagePage })),
);
const EventsPage = lazy(() =>
  import('@/features/events/EventsPage').then((module) => ({ default: module.EventsPage })),
);
const SettingsPage = lazy(() =>
  import('@/features/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })),
);
const AccountPage = lazy(() =>
  import('@/features/account/AccountPage').then((module) => ({ default: module.AccountPage })),
);
const SharePage = lazy(() =>
  import('@/features/share/SharePage').then((module) => ({ default: module.SharePage })),
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
      // Outside the admin shell: a share session may call only its own bot's routes.
      path: '/share/:id',
      element: (
        <Suspense fallback={<PageLoader fullScreen />}>
          <SharePage />
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
        { path: 'images', element: <ImagesPage /> },
        { path: 'skills', element: <SkillsPage /> },
        { path: 'usage', element: <UsagePage /> },
        { path: 'events', element: <EventsPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: 'account', element: <AccountPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
