import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { sourceOrder, type SourceRow } from '../sources';

import { EChart, type ChartOption } from './EChart';

export interface SourceChartProps {
  days: string[];
  rows: SourceRow[]; // group_by=day
  metric: 'tokens' | 'cost';
}

// Spend per day stacked by source. Loaded on demand with ECharts. In cost mode a source whose
// cost is unknown adds nothing to the bar; the table beside it says "unknown".
export default function SourceChart({ days, rows, metric }: SourceChartProps) {
  const { t } = useTranslation();
  const title = metric === 'cost' ? t('usage.sources.costChart') : t('usage.sources.tokensChart');

  const option = useMemo<ChartOption>(() => {
    const dayIndex = new Map(days.map((day, index) => [day, index]));
    const series = sourceOrder(rows).map((source) => {
      const data = new Array<number>(days.length).fill(0);
      for (const row of rows) {
        const index = dayIndex.get(row.day ?? '');
        if (row.source !== source || index === undefined) continue;
        data[index] += metric === 'cost' ? (row.cost ?? 0) : row.total_tokens;
      }
      const name = t(`usage.sources.names.${source}`, { defaultValue: source });
      return { name, data, type: 'bar', stack: 'sources' };
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series,
    };
  }, [days, rows, metric, t]);

  return <EChart option={option} label={title} />;
}
