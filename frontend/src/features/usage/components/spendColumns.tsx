import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';

import { formatNumber } from '@/lib/units';

import type { CostStatus } from '../types';

import { CostValue } from './CostValue';

interface Spend {
  requests: number;
  total_tokens: number;
}

// The requests, tokens and cost columns the usage tables share; costOf reads a row's cost,
// which the tables keep in different shapes.
export function spendColumns<Row extends Spend>(
  t: TFunction,
  locale: string,
  currency: string,
  costOf: (row: Row) => { cost: number | null; status: CostStatus },
): TableColumnsType<Row> {
  return [
    {
      title: t('usage.requests'),
      dataIndex: 'requests',
      align: 'right',
      render: (value: number) => formatNumber(value, locale),
    },
    {
      title: t('usage.tokens'),
      dataIndex: 'total_tokens',
      align: 'right',
      render: (value: number) => formatNumber(value, locale),
    },
    {
      title: t('usage.cost'),
      key: 'cost',
      align: 'right',
      render: (_value, row) => {
        const { cost, status } = costOf(row);
        return <CostValue cost={cost} status={status} currency={currency} />;
      },
    },
  ];
}
