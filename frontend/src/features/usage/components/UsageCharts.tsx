import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { stackSeries, type UsageRow } from '../types';

import { EChart, type ChartOption } from './EChart';

export interface UsageChartsProps {
  days: string[];
  stacked: UsageRow[]; // group_by=day,model or day,bot
  daily: UsageRow[]; // group_by=day
  stackKey: 'model' | 'bot_id';
  metric: 'tokens' | 'cost';
}

const kStackLimit = 8;

const grid = { left: 48, right: 16, top: 40, bottom: 28, containLabel: true };

// Loaded on demand with ECharts; the usage page shows its totals before this arrives.
export default function UsageCharts(props: UsageChartsProps) {
  const { days, stacked, daily, stackKey, metric } = props;
  const { t } = useTranslation();

  const stackOption = useMemo<ChartOption>(() => {
    const series = stackSeries(
      stacked,
      days,
      (row) => row[stackKey] ?? t('usage.noModel'),
      (row) => (metric === 'cost' ? (row.cost ?? 0) : row.total_tokens),
      kStackLimit,
      t('usage.other'),
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series: series.map((item) => ({ ...item, type: 'bar', stack: 'total' })),
    };
  }, [stacked, days, stackKey, metric, t]);

  const dailyByDay = useMemo(() => new Map(daily.map((row) => [row.day, row])), [daily]);

  const requestsOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series: [
        { name: t('usage.requests'), type: 'bar', data: days.map((day) => dailyByDay.get(day)?.requests ?? 0) },
        {
          name: t('usage.errors'),
          type: 'bar',
          itemStyle: { color: '#ff4d4f' },
          data: days.map((day) => dailyByDay.get(day)?.errors ?? 0),
        },
      ],
    }),
    [days, dailyByDay, t],
  );

  const latencyOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series: [
        { name: t('usage.p50'), type: 'line', connectNulls: true, data: days.map((day) => dailyByDay.get(day)?.latency_p50_ms ?? null) },
        { name: t('usage.p95'), type: 'line', connectNulls: true, data: days.map((day) => dailyByDay.get(day)?.latency_p95_ms ?? null) },
      ],
    }),
    [days, dailyByDay, t],
  );

  const stackTitle = metric === 'cost' ? t('usage.charts.costOverTime') : t('usage.charts.tokensOverTime');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={stackTitle} size="small">
          <EChart option={stackOption} height={320} label={stackTitle} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('usage.charts.requestsErrors')} size="small">
          <EChart option={requestsOption} label={t('usage.charts.requestsErrors')} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('usage.charts.latency')} size="small">
          <EChart option={latencyOption} label={t('usage.charts.latency')} />
        </Card>
      </Col>
    </Row>
  );
}
