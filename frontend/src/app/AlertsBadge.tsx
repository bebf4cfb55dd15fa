import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { isMissingApi } from '@/lib/missingApi';
import { api } from '@/lib/apiClient';

interface AlertsBody {
  alerts?: unknown[];
  open_count?: number;
}

// Open alerts (quota near its limit, a bot that keeps failing…) as a count in the header;
// clicking it opens the events timeline on alert events. A server without /api/alerts shows no
// bell at all.
export function AlertsBadge() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: ({ signal }) =>
      api.get<AlertsBody>('/api/alerts', { signal, query: { state: 'open', limit: 100 } }),
    refetchInterval: 60_000,
    retry: false,
    meta: { handlesErrors: true },
  });

  if (alerts.isError && isMissingApi(alerts.error)) return null;
  const count = alerts.data?.open_count ?? alerts.data?.alerts?.length ?? 0;
  const label = count > 0 ? t('nav.alerts', { count }) : t('nav.noAlerts');

  return (
    <Tooltip title={label}>
      <Badge count={count} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          className="header-button"
          icon={<BellOutlined />}
          aria-label={label}
          data-testid="alerts-badge"
          onClick={() => navigate('/events?type=alert,alert_cleared')}
        />
      </Badge>
    </Tooltip>
  );
}
