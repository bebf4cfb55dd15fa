import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Spin, Table, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { getEnv, putEnv, type EnvDocument, type EnvVariable } from '../api/configApi';
import { EditorActions, EditorConflict, EditorSaveError } from '../components/EditorActions';
import { RevisionsDrawer } from '../components/RevisionsDrawer';
import { TabError } from '../components/TabError';
import { useFileEditor } from '../hooks/useFileEditor';
import type { BotDetail } from '../types';

// Same rule as the server; HOME, PATH and NANOBOT_CONFIG belong to the runtime.
const kNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const kReservedNames = new Set(['HOME', 'PATH', 'NANOBOT_CONFIG']);

// The variables are edited as a list; as text (one JSON object per line) they diff readably
// when a save meets a newer copy.
function toText(doc: EnvDocument): string {
  return variablesToText(doc.variables ?? []);
}

const etagOf = (doc: EnvDocument) => doc.etag;

function variablesToText(variables: EnvVariable[]): string {
  return variables.map((variable) => JSON.stringify(variable)).join('\n');
}

function textToVariables(text: string): EnvVariable[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EnvVariable);
}

export function nameProblem(variables: EnvVariable[], index: number): string | null {
  const name = variables[index].name;
  if (!kNamePattern.test(name)) return 'invalid';
  if (kReservedNames.has(name)) return 'reserved';
  if (variables.findIndex((other) => other.name === name) !== index) return 'duplicate';
  return null;
}

export function EnvTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const editor = useFileEditor<EnvDocument>({
    queryKey: ['bots', 'env', bot.id],
    source: 'env',
    load: useCallback((signal) => getEnv(bot.id, signal), [bot.id]),
    save: useCallback(
      (text, etag) => putEnv(bot.id, { variables: textToVariables(text) }, etag),
      [bot.id],
    ),
    toText,
    etagOf,
  });
  const variables = useMemo(() => textToVariables(editor.draft), [editor.draft]);
  const problems = variables.map((_, index) => nameProblem(variables, index));
  const invalid = problems.some(Boolean);

  if (editor.query.isError) {
    return <TabError error={editor.query.error} onRetry={() => void editor.query.refetch()} />;
  }
  if (!editor.base) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const update = (index: number, change: Partial<EnvVariable>) => {
    const next = variables.slice();
    next[index] = { ...next[index], ...change };
    editor.setDraft(variablesToText(next));
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('bot.env.hint')}</Typography.Text>
        <Flex gap={8} wrap>
          <RevisionsDrawer<EnvDocument>
            botId={bot.id}
            file="env.json"
            etag={editor.base.etag}
            dirty={editor.dirty}
            onRestored={editor.adopt}
          />
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              editor.setDraft(variablesToText([...variables, { name: '', value: '', secret: false }]))
            }
          >
            {t('bot.env.add')}
          </Button>
          <EditorActions editor={editor} saveTestId="env-save" canSave={!invalid} />
        </Flex>
      </Flex>
      <EditorSaveError editor={editor} />
      <Table<EnvVariable & { index: number }>
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={variables.map((variable, index) => ({ ...variable, index }))}
        locale={{ emptyText: t('bot.env.empty') }}
        columns={[
          {
            title: t('bot.env.name'),
            dataIndex: 'name',
            width: '35%',
            render: (_value, row) => (
              <>
                <Input
                  value={row.name}
                  aria-label={t('bot.env.name')}
                  status={problems[row.index] ? 'error' : undefined}
                  onChange={(event) => update(row.index, { name: event.target.value })}
                />
                {problems[row.index] ? (
                  <Typography.Text type="danger">
                    {t(`bot.env.problem.${problems[row.index]}`)}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          {
            title: t('bot.env.value'),
            dataIndex: 'value',
            render: (_value, row) =>
              row.secret ? (
                <Input.Password
                  value={row.value}
                  aria-label={t('bot.env.value')}
                  autoComplete="new-password"
                  onChange={(event) => update(row.index, { value: event.target.value })}
                />
              ) : (
                <Input
                  value={row.value}
                  aria-label={t('bot.env.value')}
                  onChange={(event) => update(row.index, { value: event.target.value })}
                />
              ),
          },
          {
            title: t('bot.env.secret'),
            dataIndex: 'secret',
            width: 90,
            render: (_value, row) => (
              <Checkbox
                checked={row.secret}
                aria-label={t('bot.env.secret')}
                onChange={(event) => update(row.index, { secret: event.target.checked })}
              />
            ),
          },
          {
            title: '',
            width: 56,
            render: (_value, row) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('bot.env.remove', { name: row.name })}
                onClick={() =>
                  editor.setDraft(variablesToText(variables.filter((_, i) => i !== row.index)))
                }
              />
            ),
          },
        ]}
      />
      <EditorConflict editor={editor} />
    </Flex>
  );
}
