import { Alert, Flex, Segmented, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getConfig, putConfig, type ConfigDocument } from '../api/configApi';
import { CodeEditor } from '../components/CodeEditor';
import { EditorActions, EditorConflict, EditorSaveError } from '../components/EditorActions';
import { RevisionsDrawer } from '../components/RevisionsDrawer';
import { validateConfigText } from '../components/config/configPaths';
import { StructuredConfig } from '../components/config/StructuredConfig';
import { TabError } from '../components/TabError';
import { useFileEditor } from '../hooks/useFileEditor';
import type { BotDetail } from '../types';

const toText = (doc: ConfigDocument) => JSON.stringify(doc.config, null, 2);
const etagOf = (doc: ConfigDocument) => doc.etag;

export function ConfigTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'form' | 'json'>('form');
  const editor = useFileEditor<ConfigDocument>({
    queryKey: ['bots', 'config', bot.id],
    source: 'config:json',
    load: useCallback((signal) => getConfig(bot.id, signal), [bot.id]),
    save: useCallback(
      (text, etag) => putConfig(bot.id, JSON.parse(text) as Record<string, unknown>, etag),
      [bot.id],
    ),
    toText,
    etagOf,
  });
  const validation = useMemo(() => validateConfigText(editor.draft), [editor.draft]);

  if (editor.query.isError) {
    return <TabError error={editor.query.error} onRetry={() => void editor.query.refetch()} />;
  }
  if (!editor.query.data || !editor.base) {
    return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  }

  const validationMessage = validation.error
    ? validation.error === 'not_object'
      ? t('bot.config.notObject')
      : t('bot.config.invalidJson', { detail: validation.error })
    : validation.unknownKeys && validation.unknownKeys.length > 0
      ? t('bot.config.unknownKeys', { keys: validation.unknownKeys.join(', ') })
      : null;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented
          value={view}
          onChange={(value) => setView(value as 'form' | 'json')}
          options={[
            { value: 'form', label: t('bot.config.form') },
            { value: 'json', label: <span data-testid="config-json-view">JSON</span> },
          ]}
        />
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('bot.config.secretsMasked')}</Typography.Text>
          <RevisionsDrawer<ConfigDocument>
            botId={bot.id}
            file="config.json"
            etag={editor.base.etag}
            dirty={editor.dirty}
            onRestored={editor.adopt}
          />
        </Flex>
      </Flex>
      {view === 'form' ? (
        <StructuredConfig botId={bot.id} doc={editor.query.data} onSaved={editor.adopt} />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} justify="flex-end">
            <EditorActions editor={editor} saveTestId="config-save" canSave={!validationMessage} />
          </Flex>
          {validationMessage ? (
            <Alert type="error" showIcon message={validationMessage} data-testid="config-invalid" />
          ) : null}
          <EditorSaveError editor={editor} />
          <CodeEditor
            value={editor.draft}
            onChange={editor.setDraft}
            onSave={() => {
              if (editor.dirty && !validationMessage) editor.save();
            }}
            language="json"
            ariaLabel={t('bot.config.jsonLabel')}
            invalid={Boolean(validationMessage)}
          />
        </Flex>
      )}
      <EditorConflict editor={editor} />
    </Flex>
  );
}
