import { Alert, Button, Empty } from 'antd';
import { useTranslation } from 'react-i18next';

import { isRouteMissing } from '../api/routeSupport';

interface TabErrorProps {
  error: unknown;
  onRetry?: () => void;
}

// A tab whose data did not load: either this server has no such API yet (said plainly, with
// nothing to retry) or the request failed (the server's message and a retry button).
export function TabError({ error, onRetry }: TabErrorProps) {
  const { t } = useTranslation();
  if (isRouteMissing(error)) {
    return (
      <Empty
        data-testid="tab-not-available"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('bot.notAvailable')}
      />
    );
  }
  const message = error instanceof Error ? error.message : t('errors.generic');
  return (
    <Alert
      type="error"
      showIcon
      data-testid="tab-error"
      message={message}
      action={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}
