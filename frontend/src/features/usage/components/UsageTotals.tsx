import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '@/lib/units';

import type { UsageFigures } from '../types';

import { CostValue } from './CostValue';

// The range's totals as the server computed them (not summed here, so percentiles and the cost
// status stay right).
export function UsageTotals({ totals, currency }: { totals: UsageFigures; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const latency = (value: number | null) =>
    value === null ? '—' : `${formatNumber(Math.round(value), locale)} ms`;
  const items: Array<{ key: string; title: string; value: ReactNode }> = [
    { key: 'requests', title: t('usage.requests'), value: formatNumber(totals.requests, locale) },
    { key: 'tokens', title: t('usage.tokens'), value: formatNumber(totals.total_tokens, locale) },
    {
      key: 'cost',
      title: t('usage.totalCost'),
      value: <CostValue cost={totals.cost} status={totals.cost_status} currency={currency} />,
    },
    {
      key: 'errors',
      title: t('usage.errorRate'),
      value: totals.error_rate === null ? '—' : `${(totals.error_rate * 100).toFixed(1)}%`,
    },
    {
      key: 'latency',
      title: t('usage.latencyTotals'),
      value: `${latency(totals.latency_p50_ms)} / ${latency(totals.latency_p95_ms)}`,
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.key} xs={12} md={8} xl={item.key === 'latency' ? 8 : 4}>
          <Card size="small" data-testid={`usage-total-${item.key}`}>
            <Statistic title={item.title} valueRender={() => item.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
