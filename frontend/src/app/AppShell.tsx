import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Grid, Layout, message } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';

import { BrandMark } from '@/components/BrandMark';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageLoader } from '@/components/PageLoader';
import { useLogout } from '@/features/auth/hooks/useSession';
import { registerMessageApi } from '@/lib/notify';
import { useRealtimeClient } from '@/lib/RealtimeProvider';
import { useConnectionStatus } from '@/lib/useConnectionStatus';

import { AlertsBadge } from './AlertsBadge';
import { NavMenu } from './NavMenu';

const kStatusBadge = {
  open: 'success',
  idle: 'default',
  connecting: 'processing',
  reconnecting: 'warning',
  offline: 'error',
} as const;

function ConnectionIndicator() {
  const { t } = useTranslation();
  const client = useRealtimeClient();
  const status = useConnectionStatus();
  const label = t(`app.live.${status}`);

  if (status === 'offline') {
    return (
      <Button size="small" danger onClick={() => client.retryNow()}>
        {t('app.live.reconnect')}
      </Button>
    );
  }
  return (
    <Badge
      status={kStatusBadge[status]}
      text={<span className="header-muted">{label}</span>}
      data-testid="live-status"
    />
  );
}

// Phones only, opened from the menu button: loaded then, so wide screens never fetch a drawer.
const NavDrawer = lazy(() =>
  import('./NavDrawer').then((module) => ({ default: module.NavDrawer })),
);

export function AppShell() {
  const { t } = useTranslation();
  const [messageApi, messageHolder] = message.useMessage();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  // Phones get the menu in a drawer; from "md" up it is a fixed side bar.
  const wide = screens.md ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerLoaded, setDrawerLoaded] = useState(false);

  useEffect(() => {
    registerMessageApi(messageApi);
    return () => registerMessageApi(null);
  }, [messageApi]);

  return (
    <Layout className="app-layout">
      {messageHolder}
      <Layout.Header className="app-header">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {wide ? null : (
            <Button
              type="text"
              className="header-button"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => {
                setDrawerLoaded(true);
                setDrawerOpen(true);
              }}
            />
          )}
          <Link to="/" className="app-brand">
            <BrandMark />
            <span className="app-brand-name">{t('app.name')}</span>
          </Link>
        </Flex>
        <Flex align="center" gap={wide ? 12 : 4}>
          <span className="hide-on-phone">
            <ConnectionIndicator />
          </span>
          <AlertsBadge />
          <LanguageSwitch dark />
          <Button
            type="text"
            className="header-button"
            icon={<LogoutOutlined />}
            loading={logout.isPending}
            aria-label={t('app.signOut')}
            onClick={() =>
              logout.mutate(undefined, {
                onSettled: () => navigate('/login', { replace: true }),
              })
            }
          >
            <span className="hide-on-phone">{t('app.signOut')}</span>
          </Button>
        </Flex>
      </Layout.Header>
      <Layout hasSider={wide}>
        {wide ? (
          <Layout.Sider width={184} theme="light" className="app-sider">
            <nav aria-label={t('nav.menu')}>
              <NavMenu />
            </nav>
          </Layout.Sider>
        ) : drawerLoaded ? (
          <Suspense fallback={null}>
            <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} />
          </Suspense>
        ) : null}
        <Layout.Content className="app-content">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
