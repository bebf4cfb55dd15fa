import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

// Kept apart from the test in '@/lib/missingApi', which the shell uses without this component.
export { isMissingApi } from '@/lib/missingApi';

export function NotAvailable() {
  const { t } = useTranslation();
  return (
    <div data-testid="not-available">
      <Result status="info" title={t('common.notAvailable')} subTitle={t('common.notAvailableHint')} />
    </div>
  );
}
