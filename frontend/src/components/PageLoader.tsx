import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }}>
      <Spin tip={t('app.loading')}>
        <div style={{ width: 64, height: 64 }} />
      </Spin>
    </Flex>
  );
}
