import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useOpenAlerts } from '@/features/alerts/hooks/useOpenAlerts';

const AlertsDrawer = lazy(() => import('@/features/alerts/components/AlertsDrawer'));

// The number of open alerts in the header, kept current from the event log's live topic;
// clicking it lists them in a drawer (loaded on first use) with links to their bots.
export function AlertsBadge() {
  const { t } = useTranslation();
  const alerts = useOpenAlerts();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);

  const count = alerts.data?.open_count ?? 0;
  let label = count > 0 ? t('nav.alerts', { count }) : t('nav.noAlerts');
  if (alerts.isError) label = t('alerts.loadFailed', { message: alerts.error.message });

  return (
    <>
      <Tooltip title={label}>
        <Badge count={count} size="small" offset={[-4, 4]}>
          <Button
            type="text"
            className="header-button"
            icon={<BellOutlined />}
            aria-label={label}
            data-testid="alerts-badge"
            onClick={() => {
              setOpen(true);
              setOpened(true);
            }}
          />
        </Badge>
      </Tooltip>
      {opened ? (
        <Suspense fallback={null}>
          <AlertsDrawer
            open={open}
            onClose={() => setOpen(false)}
            data={alerts.data}
            error={alerts.isError ? alerts.error : null}
            onRetry={() => void alerts.refetch()}
          />
        </Suspense>
      ) : null}
    </>
  );
}
