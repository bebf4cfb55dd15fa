import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { PriceDraft, PriceRow } from '../priceTable';

let nextRowKey = 0;

// usage.price_table as rows of model → input and output price per million tokens, plus the
// currency they are in. The parent turns the draft back into the setting's JSON on save.
export function PriceTableEditor({
  draft,
  onChange,
}: {
  draft: PriceDraft;
  onChange: (draft: PriceDraft) => void;
}) {
  const { t } = useTranslation();
  const setRows = (rows: PriceRow[]) => onChange({ ...draft, rows });
  const update = (key: string, change: Partial<PriceRow>) =>
    setRows(draft.rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const priceColumn = (field: 'input' | 'output') => ({
    title: t(`settings.prices.${field}`, { currency: draft.currency }),
    key: field,
    width: 200,
    render: (_value: unknown, row: PriceRow) => (
      <InputNumber
        value={row[field]}
        aria-label={t(`settings.prices.${field}Label`, { model: row.model })}
        min={0}
        step={0.01}
        status={row[field] === null ? 'error' : undefined}
        onChange={(value) => update(row.key, { [field]: value ?? null })}
        style={{ width: '100%' }}
      />
    ),
  });

  return (
    <Flex vertical gap={8} data-testid="price-table">
      <Flex align="center" gap={8}>
        <Typography.Text>{t('settings.prices.currency')}</Typography.Text>
        <Input
          value={draft.currency}
          aria-label={t('settings.prices.currency')}
          maxLength={8}
          onChange={(event) => onChange({ ...draft, currency: event.target.value.toUpperCase() })}
          style={{ width: 96 }}
        />
      </Flex>
      <Table<PriceRow>
        size="small"
        rowKey="key"
        dataSource={draft.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('settings.prices.none') }}
        columns={[
          {
            title: t('settings.prices.model'),
            key: 'model',
            render: (_value, row) => (
              <Input
                value={row.model}
                placeholder="openai/gpt-4o-mini"
                aria-label={t('settings.prices.model')}
                onChange={(event) => update(row.key, { model: event.target.value })}
                style={{ minWidth: 220 }}
              />
            ),
          },
          priceColumn('input'),
          priceColumn('output'),
          {
            key: 'remove',
            width: 48,
            render: (_value, row) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('settings.prices.removeModel', { model: row.model })}
                onClick={() => setRows(draft.rows.filter((item) => item.key !== row.key))}
              />
            ),
          },
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          nextRowKey += 1;
          const row = { key: `new-${nextRowKey}`, model: '', input: null, output: null, extra: {} };
          setRows([...draft.rows, row]);
        }}
      >
        {t('settings.prices.addRow')}
      </Button>
    </Flex>
  );
}
