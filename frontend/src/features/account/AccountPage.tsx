import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { PasswordForm } from './components/PasswordForm';
import { TokensCard } from './components/TokensCard';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <Typography.Title level={3}>{t('account.title')}</Typography.Title>
      </div>
      <PasswordForm />
      <TokensCard />
    </Flex>
  );
}
