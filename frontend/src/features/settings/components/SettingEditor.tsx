import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, InputNumber, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import { saveSetting, type Setting } from '../api/settingsApi';
import { findPriceTable, fromRows, priceColumns, toRows, type PriceRow } from '../priceTable';

import { PriceTableEditor } from './PriceTableEditor';

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// One setting with the editor its type calls for, a Save button while it differs from the
// stored value, and the server's refusal shown under it.
export function SettingEditor({ setting }: { setting: Setting }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<unknown>(setting.value);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(setting.value, null, 2));
  const price = useMemo(
    () => (setting.value_type === 'json' ? findPriceTable(setting.value) : null),
    [setting.value_type, setting.value],
  );
  const priceTable = price !== null;
  const [rows, setRows] = useState<PriceRow[]>(() => (price ? toRows(price.table) : []));
  const columns = useMemo(() => (price ? priceColumns(price.table) : []), [price]);
  const [localError, setLocalError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (value: unknown) => saveSetting(setting.key, value),
    meta: { handlesErrors: true },
    onSuccess: () => {
      notify.success(t('settings.saved', { key: setting.key }));
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
    },
  });

  // The value the editor would save now, or an error that keeps Save disabled.
  let candidate: unknown = draft;
  let candidateError: string | null = null;
  if (setting.value_type === 'json') {
    if (priceTable) {
      const result = fromRows(rows);
      if ('table' in result) candidate = price?.wrap(result.table);
      else candidateError = result.error === 'empty' ? t('settings.prices.emptyModel') : t('settings.prices.duplicate', { model: result.model });
    } else {
      try {
        candidate = JSON.parse(jsonText);
      } catch (error) {
        candidateError = t('settings.invalidJson', { message: (error as Error).message });
      }
    }
  }
  const dirty = candidateError !== null || !sameValue(candidate, setting.value);

  const undo = () => {
    setDraft(setting.value);
    setJsonText(JSON.stringify(setting.value, null, 2));
    if (price) setRows(toRows(price.table));
    setLocalError(null);
    save.reset();
  };

  let editor;
  const label = setting.name || setting.key;
  if (setting.value_type === 'boolean') {
    editor = <Switch checked={Boolean(draft)} onChange={setDraft} aria-label={label} />;
  } else if (setting.value_type === 'integer' || setting.value_type === 'number') {
    editor = (
      <InputNumber
        aria-label={label}
        value={typeof draft === 'number' ? draft : null}
        min={setting.min}
        max={setting.max}
        precision={setting.value_type === 'integer' ? 0 : undefined}
        onChange={(value) => setDraft(value)}
        style={{ width: 200 }}
      />
    );
  } else if (setting.enum && setting.enum.length > 0) {
    editor = (
      <Select
        aria-label={label}
        value={draft as string}
        onChange={setDraft}
        options={setting.enum.map((value) => ({ value: value as string, label: String(value) }))}
        style={{ width: 260 }}
      />
    );
  } else if (setting.value_type === 'json') {
    editor = priceTable ? (
      <PriceTableEditor rows={rows} columns={columns} onChange={setRows} />
    ) : (
      <Input.TextArea
        aria-label={label}
        value={jsonText}
        onChange={(event) => setJsonText(event.target.value)}
        autoSize={{ minRows: 2, maxRows: 16 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
      />
    );
  } else {
    editor = (
      <Input
        aria-label={label}
        value={typeof draft === 'string' ? draft : String(draft ?? '')}
        onChange={(event) => setDraft(event.target.value)}
        style={{ maxWidth: 480 }}
      />
    );
  }

  const error = localError ?? (save.isError ? save.error.message : null) ?? (dirty ? candidateError : null);

  return (
    <Flex vertical gap={6} data-testid="setting" data-key={setting.key} style={{ padding: '12px 0' }}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
          {setting.key}
        </Typography.Text>
        {setting.is_public ? (
          <Tooltip title={t('settings.publicHint')}>
            <Tag color="blue">{t('settings.public')}</Tag>
          </Tooltip>
        ) : null}
        {setting.min !== undefined && setting.max !== undefined ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('settings.range', { min: setting.min, max: setting.max })}
          </Typography.Text>
        ) : null}
      </Flex>
      {setting.description ? (
        <Typography.Text type="secondary">{setting.description}</Typography.Text>
      ) : null}
      <div>{editor}</div>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      {dirty ? (
        <Flex gap={8}>
          <Button
            type="primary"
            size="small"
            loading={save.isPending}
            disabled={candidateError !== null}
            onClick={() => save.mutate(candidate)}
          >
            {t('common.save')}
          </Button>
          <Button size="small" onClick={undo}>
            {t('settings.reset')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
