import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { UsageRow } from '../types';

import { spendColumns } from './spendColumns';

const kTopBots = 10;

// Priced cost first (highest on top), then bots whose cost is unknown, by tokens.
function byCost(a: UsageRow, b: UsageRow): number {
  if ((a.cost === null) !== (b.cost === null)) return a.cost === null ? 1 : -1;
  const difference = (b.cost ?? 0) - (a.cost ?? 0);
  return difference !== 0 ? difference : b.total_tokens - a.total_tokens;
}

export function TopBots({ rows, currency }: { rows: UsageRow[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const top = rows.slice().sort(byCost).slice(0, kTopBots);

  return (
    <Table<UsageRow>
      size="small"
      rowKey={(row) => row.bot_id ?? ''}
      pagination={false}
      dataSource={top}
      data-testid="top-bots"
      columns={[
        {
          title: t('usage.botFilter'),
          dataIndex: 'bot_id',
          render: (id: string) => <Link to={`/bots/${encodeURIComponent(id)}/usage`}>{id}</Link>,
        },
        ...spendColumns<UsageRow>(t, locale, currency, (row) => ({
          cost: row.cost,
          status: row.cost_status,
        })),
      ]}
    />
  );
}
