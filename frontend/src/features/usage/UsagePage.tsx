import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { useBots } from '@/features/fleet/hooks/useBots';

import { getUsage, usageCsvUrl } from './api/usageApi';
import { SourceSpend } from './components/SourceSpend';
import { TopBots } from './components/TopBots';
import { UsageTotals } from './components/UsageTotals';
import type { UsageFilters } from './types';

const UsageCharts = lazy(() => import('./components/UsageCharts'));

const kRanges = { today: 1, last7: 7, last30: 30 } as const;
type RangeKey = keyof typeof kRanges;

function parseRange(value: string | null): RangeKey {
  return value === 'today' || value === 'last30' ? value : 'last7';
}

const kChartSkeleton = (
  <Card>
    <Skeleton active paragraph={{ rows: 8 }} />
  </Card>
);

export function UsagePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const range = parseRange(params.get('range'));
  const stackKey = params.get('stack') === 'bot' ? 'bot_id' : 'model';
  const metric = params.get('metric') === 'cost' ? 'cost' : 'tokens';
  const botId = params.get('bot_id') ?? undefined;
  const model = params.get('model') ?? undefined;
  const bots = useBots();

  // Whole local days, so "last 7 days" has seven bars whatever the time now.
  const { filters, days } = useMemo(() => {
    const start = dayjs().startOf('day').subtract(kRanges[range] - 1, 'day');
    const list = Array.from({ length: kRanges[range] }, (_, i) =>
      start.add(i, 'day').format('YYYY-MM-DD'),
    );
    const value: UsageFilters = {
      from: start.toISOString(),
      to: start.add(kRanges[range], 'day').toISOString(),
      bot_id: botId,
      model,
    };
    return { filters: value, days: list };
  }, [range, botId, model]);

  const stackGroup = stackKey === 'bot_id' ? 'day,bot' : 'day,model';
  const options = {
    placeholderData: keepPreviousData,
    meta: { handlesErrors: true },
    retry: false,
  } as const;
  const daily = useQuery({
    queryKey: ['usage', 'day', filters],
    queryFn: ({ signal }) => getUsage(filters, 'day', signal),
    ...options,
  });
  const stacked = useQuery({
    queryKey: ['usage', stackGroup, filters],
    queryFn: ({ signal }) => getUsage(filters, stackGroup, signal),
    ...options,
  });
  const byBot = useQuery({
    queryKey: ['usage', 'bot', filters],
    queryFn: ({ signal }) => getUsage(filters, 'bot', signal),
    ...options,
  });
  const byModel = useQuery({
    queryKey: ['usage', 'model', { ...filters, model: undefined }],
    queryFn: ({ signal }) => getUsage({ ...filters, model: undefined }, 'model', signal),
    ...options,
  });

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const failed = [daily, stacked, byBot].find((query) => query.isError);
  const currency = daily.data?.currency ?? 'USD';
  const totals = daily.data?.totals;
  const modelOptions = (byModel.data?.rows ?? [])
    .filter((row) => row.model)
    .map((row) => ({ value: row.model as string, label: row.model }));

  let charts;
  if (!daily.data || !stacked.data || !byBot.data) {
    charts = failed ? null : kChartSkeleton;
  } else if (daily.data.totals.requests === 0) {
    charts = (
      <Card>
        <Empty description={t('usage.empty')} />
      </Card>
    );
  } else {
    charts = (
      <>
        <Suspense fallback={kChartSkeleton}>
          <UsageCharts
            days={days}
            daily={daily.data.rows}
            stacked={stacked.data.rows}
            stackKey={stackKey}
            metric={metric}
          />
        </Suspense>
        <Card title={t('usage.charts.topBots')} size="small">
          <TopBots rows={byBot.data.rows} currency={byBot.data.currency} />
        </Card>
      </>
    );
  }

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('usage.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('usage.subtitle')}</Typography.Text>
        </div>
        <Button
          icon={<DownloadOutlined />}
          href={usageCsvUrl(filters, 'day,bot,model')}
          download
          data-testid="usage-csv"
        >
          {t('common.download')}
        </Button>
      </div>
      <div className="toolbar">
        <Segmented<RangeKey>
          aria-label={t('usage.range')}
          value={range}
          onChange={(value) => setParam('range', value)}
          options={(Object.keys(kRanges) as RangeKey[]).map((value) => ({
            value,
            label: t(`usage.${value}`),
          }))}
        />
        <Select
          allowClear
          showSearch
          aria-label={t('usage.botFilter')}
          placeholder={t('usage.allBots')}
          value={botId}
          onChange={(value?: string) => setParam('bot_id', value)}
          options={(bots.data ?? []).map((bot) => ({ value: bot.id, label: bot.id }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          showSearch
          aria-label={t('usage.modelFilter')}
          placeholder={t('usage.allModels')}
          value={model}
          onChange={(value?: string) => setParam('model', value)}
          options={modelOptions}
          style={{ width: 200 }}
        />
        <Segmented
          aria-label={t('usage.stackBy')}
          value={stackKey === 'bot_id' ? 'bot' : 'model'}
          onChange={(value) => setParam('stack', value === 'bot' ? 'bot' : undefined)}
          options={[
            { value: 'model', label: t('usage.byModel') },
            { value: 'bot', label: t('usage.byBot') },
          ]}
        />
        <Segmented
          aria-label={t('usage.metric')}
          value={metric}
          onChange={(value) => setParam('metric', value === 'cost' ? 'cost' : undefined)}
          options={[
            { value: 'tokens', label: t('usage.tokens') },
            { value: 'cost', label: t('usage.cost') },
          ]}
        />
      </div>

      {failed?.error ? (
        <Alert
          type="error"
          showIcon
          data-testid="usage-error"
          message={failed.error.message}
          action={<Button onClick={() => void failed.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}
      {totals ? <UsageTotals totals={totals} currency={currency} /> : null}
      {totals && metric === 'cost' && totals.cost_status !== 'known' && totals.requests > 0 ? (
        <Alert type="warning" showIcon message={t('usage.costNotCharted')} />
      ) : null}
      {charts}
      <SourceSpend days={days} botId={botId} metric={metric} />
    </Flex>
  );
}
