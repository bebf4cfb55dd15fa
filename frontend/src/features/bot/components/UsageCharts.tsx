import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { UsageRow } from '@/features/usage/types';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// Tokens per day stacked by model, and requests with errors per day. Loaded on demand: ECharts
// is the largest library of the console.
export default function UsageCharts({ rows }: { rows: UsageRow[] }) {
  const { t } = useTranslation();
  const tokensRef = useRef<HTMLDivElement>(null);
  const requestsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!tokensRef.current || !requestsRef.current) return undefined;
    const days = Array.from(new Set(rows.map((row) => row.day ?? ''))).sort();
    const models = Array.from(new Set(rows.map((row) => row.model ?? t('bot.usage.noModel'))));
    const cell = (day: string, model: string) =>
      rows.filter((row) => row.day === day && (row.model ?? t('bot.usage.noModel')) === model);
    const sum = (items: UsageRow[], key: 'total_tokens' | 'requests' | 'errors') =>
      items.reduce((total, row) => total + (row[key] ?? 0), 0);

    const charts: EChartsType[] = [init(tokensRef.current), init(requestsRef.current)];
    charts[0].setOption({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll' },
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', name: t('bot.usage.tokens') },
      series: models.map((model) => ({
        name: model,
        type: 'bar',
        stack: 'tokens',
        data: days.map((day) => sum(cell(day, model), 'total_tokens')),
      })),
    });
    charts[1].setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 56, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('bot.usage.requests'),
          type: 'line',
          smooth: true,
          data: days.map((day) => sum(rows.filter((row) => row.day === day), 'requests')),
        },
        {
          name: t('bot.usage.errors'),
          type: 'line',
          smooth: true,
          color: '#ff4d4f',
          data: days.map((day) => sum(rows.filter((row) => row.day === day), 'errors')),
        },
      ],
    });
    const resize = () => charts.forEach((chart) => chart.resize());
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      charts.forEach((chart) => chart.dispose());
    };
  }, [rows, t]);

  return (
    <>
      <div ref={tokensRef} className="bot-chart" data-testid="usage-tokens-chart" />
      <div ref={requestsRef} className="bot-chart" data-testid="usage-requests-chart" />
    </>
  );
}
