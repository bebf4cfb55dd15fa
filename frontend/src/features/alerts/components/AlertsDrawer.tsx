import { Alert as Notice, Button, Drawer, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { formatDateTime, formatRelative } from '@/lib/format';

import type { Alert, AlertList } from '../api/alertsApi';

const kSeverityColors: Record<string, string> = {
  warning: 'orange',
  error: 'red',
  critical: 'red',
};

interface AlertsDrawerProps {
  open: boolean;
  onClose: () => void;
  data: AlertList | undefined;
  error: Error | null;
  onRetry: () => void;
}

function AlertItem({ alert, onNavigate }: { alert: Alert; onNavigate: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return (
    <li className="alert-item" data-testid="alert-item">
      <Flex gap={8} wrap align="baseline">
        <Tag color={kSeverityColors[alert.severity] ?? 'default'}>
          {t(`alerts.severity.${alert.severity}`, { defaultValue: alert.severity })}
        </Tag>
        <Typography.Text strong>
          {t(`alerts.rules.${alert.rule}`, { defaultValue: alert.rule })}
        </Typography.Text>
        {alert.bot_id ? (
          <Link to={`/bots/${encodeURIComponent(alert.bot_id)}`} onClick={onNavigate}>
            {alert.bot_id}
          </Link>
        ) : null}
        <Tooltip title={formatDateTime(alert.opened_at, locale)}>
          <Typography.Text type="secondary">
            {t('alerts.openedAt', { when: formatRelative(alert.opened_at, locale) })}
          </Typography.Text>
        </Tooltip>
      </Flex>
      {alert.detail ? <div style={{ wordBreak: 'break-word' }}>{alert.detail}</div> : null}
    </li>
  );
}

// The open alerts, newest first, each linking to its bot. Loaded the first time it opens.
export default function AlertsDrawer({ open, onClose, data, error, onRetry }: AlertsDrawerProps) {
  const { t } = useTranslation();
  const alerts = data?.alerts ?? [];

  let body;
  if (error) {
    body = (
      <Notice
        type="error"
        showIcon
        message={error.message}
        action={<Button onClick={onRetry}>{t('app.retry')}</Button>}
      />
    );
  } else if (data && alerts.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nav.noAlerts')} />;
  } else {
    body = (
      <ul className="alert-list" data-testid="alert-list">
        {alerts.map((alert) => (
          <AlertItem key={alert.id} alert={alert} onNavigate={onClose} />
        ))}
      </ul>
    );
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={420}
      title={t('alerts.title')}
      extra={
        <Link to="/events?type=alert,alert_cleared" onClick={onClose}>
          {t('alerts.history')}
        </Link>
      }
    >
      {data && data.open_count > alerts.length ? (
        <Typography.Paragraph type="secondary">
          {t('alerts.showingSome', { shown: alerts.length, count: data.open_count })}
        </Typography.Paragraph>
      ) : null}
      {body}
    </Drawer>
  );
}
