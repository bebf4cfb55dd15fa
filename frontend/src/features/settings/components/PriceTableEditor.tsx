import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import type { PriceRow } from '../priceTable';

// Rows of model → prices; the parent turns them back into the JSON object on save.
export function PriceTableEditor({ rows, columns, onChange }: {
  rows: PriceRow[];
  columns: string[];
  onChange: (rows: PriceRow[]) => void;
}) {
  const { t } = useTranslation();
  const update = (key: string, change: (row: PriceRow) => PriceRow) =>
    onChange(rows.map((row) => (row.key === key ? change(row) : row)));

  return (
    <>
      <Table<PriceRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="price-table"
        columns={[
          {
            title: t('settings.prices.model'),
            key: 'model',
            render: (_value, row) => (
              <Input
                value={row.model}
                aria-label={t('settings.prices.model')}
                onChange={(event) => update(row.key, (r) => ({ ...r, model: event.target.value }))}
                style={{ minWidth: 180 }}
              />
            ),
          },
          ...columns.map((column) => ({
            title: column,
            key: column,
            render: (_value: unknown, row: PriceRow) => (
              <InputNumber
                value={row.prices[column] ?? null}
                aria-label={`${row.model} ${column}`}
                min={0}
                step={0.01}
                onChange={(value) =>
                  update(row.key, (r) => ({ ...r, prices: { ...r.prices, [column]: value ?? null } }))
                }
              />
            ),
          })),
          {
            key: 'remove',
            render: (_value, row) => (
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label={`${t('settings.prices.remove')} ${row.model}`}
                onClick={() => onChange(rows.filter((item) => item.key !== row.key))}
              />
            ),
          },
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() =>
          onChange([
            ...rows,
            { key: `new-${Date.now()}`, model: '', prices: Object.fromEntries(columns.map((c) => [c, null])) },
          ])
        }
      >
        {t('settings.prices.addRow')}
      </Button>
    </>
  );
}
