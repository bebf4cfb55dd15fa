import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, InputNumber, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { notify } from '@/lib/notify';

import { alertRulesProblem, kAlertRulesKey, type RulesProblem } from '../alertRules';
import { saveSetting, type Setting } from '../api/settingsApi';
import {
  kPriceTableKey,
  readPriceTable,
  writePriceTable,
  type PriceDraft,
  type PriceProblem,
} from '../priceTable';

import { PriceTableEditor } from './PriceTableEditor';

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Translate = ReturnType<typeof useTranslation>['t'];

function priceProblemText(t: Translate, problem: PriceProblem): string {
  switch (problem.error) {
    case 'currency':
      return t('settings.prices.badCurrency');
    case 'empty':
      return t('settings.prices.emptyModel');
    case 'duplicate':
      return t('settings.prices.duplicate', { model: problem.model });
    case 'price':
      return t('settings.prices.missingPrice', { model: problem.model });
  }
}

function rulesProblemText(t: Translate, problem: RulesProblem): string {
  return t(`settings.rules.${problem.problem}`, { ...problem });
}

// A JSON setting's text parsed, and checked when the setting has a known shape.
function parseJsonSetting(t: Translate, key: string, text: string): { value: unknown } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return t('settings.invalidJson', { message: (error as Error).message });
  }
  if (key === kAlertRulesKey) {
    const problem = alertRulesProblem(value);
    if (problem) return rulesProblemText(t, problem);
  }
  return { value };
}

// One setting with the editor its type calls for, a Save button while it differs from the
// stored value, and the server's refusal shown under it.
export function SettingEditor({ setting }: { setting: Setting }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<unknown>(setting.value);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(setting.value, null, 2));
  // usage.price_table is edited as a table unless its stored value is not one.
  const storedPrices = useMemo(
    () => (setting.key === kPriceTableKey ? readPriceTable(setting.value) : null),
    [setting.key, setting.value],
  );
  const [prices, setPrices] = useState<PriceDraft | null>(storedPrices);
  const [asJson, setAsJson] = useState(storedPrices === null);
  const priceTable = prices !== null && !asJson;

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
    const result = priceTable ? writePriceTable(prices) : parseJsonSetting(t, setting.key, jsonText);
    if (typeof result === 'string') candidateError = result;
    else if ('value' in result) candidate = result.value;
    else candidateError = priceProblemText(t, result);
  }
  const dirty = candidateError !== null || !sameValue(candidate, setting.value);

  const undo = () => {
    setDraft(setting.value);
    setJsonText(JSON.stringify(setting.value, null, 2));
    setPrices(storedPrices);
    setAsJson(storedPrices === null);
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
      <PriceTableEditor draft={prices} onChange={setPrices} />
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

  const error = (save.isError ? save.error.message : null) ?? (dirty ? candidateError : null);
  // The price table can switch to its JSON text and back (when the text is still a table).
  const switchView =
    setting.key === kPriceTableKey ? (
      <Button
        size="small"
        type="link"
        onClick={() => {
          if (priceTable) {
            setJsonText(JSON.stringify(candidateError === null ? candidate : setting.value, null, 2));
            setAsJson(true);
            return;
          }
          const parsed = parseJsonSetting(t, setting.key, jsonText);
          const table = typeof parsed === 'string' ? null : readPriceTable(parsed.value);
          if (table) {
            setPrices(table);
            setAsJson(false);
          }
        }}
      >
        {priceTable ? t('settings.prices.rawJson') : t('settings.prices.table')}
      </Button>
    ) : null;

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
      {switchView ? <div>{switchView}</div> : null}
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
