import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Table } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { getUsageSources } from '../api/usageApi';
import { sourceOrder, type SourceRow } from '../sources';
import { combineCost } from '../types';

import { spendColumns } from './spendColumns';

const SourceChart = lazy(() => import('./SourceChart'));

interface SourceSpendProps {
  // Whole days, oldest first; the first and last are the query's from and (inclusive) to.
  days: string[];
  botId?: string;
  metric: 'tokens' | 'cost';
}

interface SourceTotal {
  source: string;
  requests: number;
  total_tokens: number;
  cost: ReturnType<typeof combineCost>;
}

function totalsBySource(rows: SourceRow[]): SourceTotal[] {
  return sourceOrder(rows).map((source) => {
    const own = rows.filter((row) => row.source === source);
    return {
      source,
      requests: own.reduce((sum, row) => sum + row.requests, 0),
      total_tokens: own.reduce((sum, row) => sum + row.total_tokens, 0),
      cost: combineCost(own),
    };
  });
}

// Spend split by source (dashboard chats, other channels, API, cron, the memory job, system):
// a table of the range's totals and a bar per day stacked by source.
export function SourceSpend({ days, botId, metric }: SourceSpendProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const from = days[0];
  const to = days[days.length - 1];
  const query = useQuery({
    queryKey: ['usage', 'sources', { from, to, botId }],
    queryFn: ({ signal }) =>
      getUsageSources({ from, to, bot_id: botId, group_by: 'day' }, signal),
    placeholderData: keepPreviousData,
    meta: { handlesErrors: true },
    retry: false,
  });
  const totals = useMemo(() => totalsBySource(query.data?.rows ?? []), [query.data]);
  const currency = query.data?.currency ?? 'USD';

  let body;
  if (query.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        message={query.error.message}
        data-testid="sources-error"
        action={<Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>}
      />
    );
  } else if (!query.data) {
    body = <Skeleton active paragraph={{ rows: 4 }} />;
  } else if (totals.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('usage.sources.empty')} />;
  } else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Table<SourceTotal>
            size="small"
            rowKey="source"
            pagination={false}
            dataSource={totals}
            data-testid="sources-table"
            columns={[
              {
                title: t('usage.sources.source'),
                dataIndex: 'source',
                render: (source: string) =>
                  t(`usage.sources.names.${source}`, { defaultValue: source }),
              },
              ...spendColumns<SourceTotal>(t, locale, currency, (row) => ({
                cost: row.cost.cost,
                status: row.cost.cost_status,
              })),
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <SourceChart days={days} rows={query.data.rows} metric={metric} />
          </Suspense>
        </Col>
      </Row>
    );
  }

  return (
    <Card title={t('usage.sources.title')} size="small" data-testid="source-spend">
      {body}
    </Card>
  );
}
