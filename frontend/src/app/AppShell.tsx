import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Flex, Grid, Layout, message } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';

import { BrandMark } from '@/components/BrandMark';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageLoader } from '@/components/PageLoader';
import { useLogout } from '@/features/auth/hooks/useSession';
import { registerMessageApi } from '@/lib/notify';
import { useRealtimeClient } from '@/lib/RealtimeProvider';
import { useConnectionStatus } from '@/lib/useConnectionStatus';

import { AlertsBadge } from './AlertsBadge';
import { kNavItems, selectedNavPath } from './navigation';

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

// Plain links rather than antd's Menu: the shell is on every first screen, and a list of seven
// links needs none of a menu component's weight.
function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const selected = selectedNavPath(pathname);
  return (
    <ul className="app-nav">
      {kNavItems.map((item) => (
        <li key={item.path}>
          <Link
            to={item.path}
            onClick={onNavigate}
            className={item.path === selected ? 'app-nav-item app-nav-item--active' : 'app-nav-item'}
            aria-current={item.path === selected ? 'page' : undefined}
          >
            <span aria-hidden="true">{item.icon}</span>
            <span>{t(item.labelKey)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const [messageApi, messageHolder] = message.useMessage();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  // Phones get the menu in a drawer; from "md" up it is a fixed side bar.
  const wide = screens.md ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

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
              onClick={() => setDrawerOpen(true)}
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
        ) : (
          <Drawer
            placement="left"
            width={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('nav.menu')}>
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </nav>
          </Drawer>
        )}
        <Layout.Content className="app-content">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
