import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row, Segmented, Spin, Statistic } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageLoader } from '@/components/PageLoader';

import { getBotUsage } from '../api/usageApi';
import { TabError } from '../components/TabError';
import type { BotDetail } from '../types';

const UsageCharts = lazy(() => import('../components/UsageCharts'));

const kRanges = [7, 30, 90] as const;

export function UsageTab({ bot }: { bot: BotDetail }) {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<(typeof kRanges)[number]>(7);
  const usage = useQuery({
    queryKey: ['usage', 'bot', bot.id, days],
    queryFn: ({ signal }) => getBotUsage(bot.id, days, signal),
    meta: { handlesErrors: true },
    retry: false,
  });
  const locale = i18n.resolvedLanguage ?? 'en';
  const number = (value: number | null | undefined) =>
    value == null ? '—' : new Intl.NumberFormat(locale).format(value);

  if (usage.isError) return <TabError error={usage.error} onRetry={() => void usage.refetch()} />;

  const totals = usage.data?.totals;
  const cost =
    totals?.cost == null
      ? '—'
      : new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: usage.data?.currency ?? 'USD',
          maximumFractionDigits: 4,
        }).format(totals.cost);

  return (
    <Flex vertical gap={16}>
      <Segmented
        value={days}
        onChange={(value) => setDays(value as (typeof kRanges)[number])}
        options={kRanges.map((value) => ({ value, label: t('bot.usage.lastDays', { count: value }) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {usage.isLoading ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
      {totals ? (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('bot.usage.requests')} value={number(totals.requests)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('bot.usage.tokens')} value={number(totals.total_tokens)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('bot.usage.errorRate')}
                value={totals.error_rate == null ? '—' : (totals.error_rate * 100).toFixed(1)}
                suffix={totals.error_rate == null ? undefined : '%'}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={totals.cost_status === 'partial' ? t('bot.usage.costPartial') : t('bot.usage.cost')}
                value={cost}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {usage.data && usage.data.rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.usage.empty')} />
      ) : null}
      {usage.data && usage.data.rows.length > 0 ? (
        <Suspense fallback={<PageLoader />}>
          <UsageCharts rows={usage.data.rows} />
        </Suspense>
      ) : null}
    </Flex>
  );
}
