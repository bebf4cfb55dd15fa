import { LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Layout, message } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';

import { BrandMark } from '@/components/BrandMark';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageLoader } from '@/components/PageLoader';
import { useLogout } from '@/features/auth/hooks/useSession';
import { registerMessageApi } from '@/lib/notify';
import { useRealtimeClient } from '@/lib/RealtimeProvider';
import { useConnectionStatus } from '@/lib/useConnectionStatus';

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

export function AppShell() {
  const { t } = useTranslation();
  const [messageApi, messageHolder] = message.useMessage();
  const navigate = useNavigate();
  const logout = useLogout();

  useEffect(() => {
    registerMessageApi(messageApi);
    return () => registerMessageApi(null);
  }, [messageApi]);

  return (
    <Layout className="app-layout">
      {messageHolder}
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <BrandMark />
          <span className="app-brand-name">{t('app.name')}</span>
        </Link>
        <Flex align="center" gap={12}>
          <span className="hide-on-phone">
            <ConnectionIndicator />
          </span>
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
      <Layout.Content className="app-content">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
