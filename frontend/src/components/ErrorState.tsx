import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

interface ErrorStateProps {
  message: string;
  onRetry?: () => void;
}

// A failure the user can only retry. Kept light (no illustration) because the shell uses it.
export function ErrorState({ message, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" style={{ padding: '48px 16px' }}>
      <Alert
        type="error"
        showIcon
        message={message}
        style={{ maxWidth: 560, width: '100%' }}
        action={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
      />
    </Flex>
  );
}
