import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Segmented, Spin } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageLoader } from '@/components/PageLoader';
import { getUsage, usageCsvUrl } from '@/features/usage/api/usageApi';
import { SourceSpend } from '@/features/usage/components/SourceSpend';
import { UsageTotals } from '@/features/usage/components/UsageTotals';
import type { UsageFilters } from '@/features/usage/types';

import type { BotDetail } from '../types';

const UsageCharts = lazy(() => import('../components/UsageCharts'));

const kRanges = [7, 30, 90] as const;

export function UsageTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const [count, setCount] = useState<(typeof kRanges)[number]>(7);
  // Whole local days, the last one being today.
  const { filters, days } = useMemo(() => {
    const start = dayjs().startOf('day').subtract(count - 1, 'day');
    const value: UsageFilters = {
      from: start.toISOString(),
      to: start.add(count, 'day').toISOString(),
      bot_id: bot.id,
    };
    const list = Array.from({ length: count }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
    return { filters: value, days: list };
  }, [bot.id, count]);
  const usage = useQuery({
    queryKey: ['usage', 'day,model', filters],
    queryFn: ({ signal }) => getUsage(filters, 'day,model', signal),
    placeholderData: keepPreviousData,
    meta: { handlesErrors: true },
    retry: false,
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={count}
          onChange={(value) => setCount(value as (typeof kRanges)[number])}
          options={kRanges.map((value) => ({
            value,
            label: t('bot.usage.lastDays', { count: value }),
          }))}
        />
        <Button icon={<DownloadOutlined />} href={usageCsvUrl(filters, 'day,model')} download>
          {t('common.download')}
        </Button>
      </Flex>
      {usage.isError ? (
        <Alert
          type="error"
          showIcon
          data-testid="tab-error"
          message={usage.error.message}
          action={<Button onClick={() => void usage.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}
      {usage.isLoading ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
      {usage.data ? <UsageTotals totals={usage.data.totals} currency={usage.data.currency} /> : null}
      {usage.data && usage.data.rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.usage.empty')} />
      ) : null}
      {usage.data && usage.data.rows.length > 0 ? (
        <Suspense fallback={<PageLoader />}>
          <UsageCharts rows={usage.data.rows} />
        </Suspense>
      ) : null}
      <SourceSpend days={days} botId={bot.id} metric="tokens" />
    </Flex>
  );
}
