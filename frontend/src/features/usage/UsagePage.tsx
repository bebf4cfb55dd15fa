import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Select, Skeleton, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { isMissingApi, NotAvailable } from '@/components/NotAvailable';
import { useBots } from '@/features/fleet/hooks/useBots';
import { formatCost, formatNumber } from '@/lib/units';

import { getUsage, usageCsvUrl } from './api/usageApi';
import { sumRows, type UsageFilters } from './types';

const UsageCharts = lazy(() => import('./components/UsageCharts'));

const kRanges = { today: 1, last7: 7, last30: 30 } as const;
type RangeKey = keyof typeof kRanges;

function parseRange(value: string | null): RangeKey {
  return value === 'today' || value === 'last30' ? value : 'last7';
}

export function UsagePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
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
    const list = Array.from({ length: kRanges[range] }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
    const value: UsageFilters = {
      from: start.toISOString(),
      to: dayjs().endOf('day').toISOString(),
      bot_id: botId,
      model,
    };
    return { filters: value, days: list };
  }, [range, botId, model]);

  const stackGroup = stackKey === 'bot_id' ? 'day,bot' : 'day,model';
  const options = { placeholderData: keepPreviousData, meta: { handlesErrors: true }, retry: false } as const;
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

  const header = (
    <div className="page-header">
      <div>
        <Typography.Title level={3}>{t('usage.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('usage.subtitle')}</Typography.Text>
      </div>
      <Button icon={<DownloadOutlined />} href={usageCsvUrl(filters, 'day,bot,model')} download>
        {t('common.download')}
      </Button>
    </div>
  );

  if (daily.isError && isMissingApi(daily.error)) {
    return (
      <Flex vertical gap={16}>
        {header}
        <Card>
          <NotAvailable />
        </Card>
      </Flex>
    );
  }

  const totals = sumRows(daily.data?.rows ?? []);
  const currency = daily.data?.currency ?? 'USD';
  const failed = [daily, stacked, byBot].find((query) => query.isError);
  const loaded = daily.data && stacked.data && byBot.data;

  return (
    <Flex vertical gap={16}>
      {header}
      <div className="toolbar">
        <Segmented<RangeKey>
          aria-label={t('usage.range')}
          value={range}
          onChange={(value) => setParam('range', value)}
          options={(Object.keys(kRanges) as RangeKey[]).map((value) => ({ value, label: t(`usage.${value}`) }))}
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
          options={(byModel.data?.rows ?? []).filter((row) => row.model).map((row) => ({ value: row.model as string, label: row.model }))}
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
          message={failed.error.message}
          action={<Button onClick={() => void failed.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        {[
          { key: 'requests', title: t('usage.requests'), value: formatNumber(totals.requests, locale) },
          { key: 'tokens', title: t('usage.tokens'), value: formatNumber(totals.tokens, locale) },
          {
            key: 'cost',
            title: t('usage.totalCost'),
            value: formatCost(totals.cost, locale, currency),
          },
          {
            key: 'errors',
            title: t('usage.errorRate'),
            value: totals.requests ? `${((totals.errors / totals.requests) * 100).toFixed(1)}%` : '—',
          },
        ].map((item) => (
          <Col key={item.key} xs={12} lg={6}>
            <Card size="small" data-testid={`usage-total-${item.key}`}>
              <Statistic title={item.title} value={item.value} loading={daily.isLoading} />
            </Card>
          </Col>
        ))}
      </Row>
      {totals.costIncomplete ? <Alert type="warning" showIcon message={t('usage.costUnknown')} /> : null}

      {!loaded ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : totals.requests === 0 ? (
        <Card>
          <Empty description={t('usage.empty')} />
        </Card>
      ) : (
        <Suspense
          fallback={
            <Card>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Card>
          }
        >
          <UsageCharts
            days={days}
            daily={daily.data?.rows ?? []}
            stacked={stacked.data?.rows ?? []}
            byBot={byBot.data?.rows ?? []}
            stackKey={stackKey}
            metric={metric}
          />
        </Suspense>
      )}
    </Flex>
  );
}
