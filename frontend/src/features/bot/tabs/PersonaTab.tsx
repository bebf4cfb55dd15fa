import { Badge, Col, Flex, Row, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { MarkdownView } from '@/features/chat/components/MarkdownView';

import {
  getPersonaFile,
  kPersonaFiles,
  putPersonaFile,
  type PersonaFile,
  type PersonaFileName,
} from '../api/configApi';
import { CodeEditor } from '../components/CodeEditor';
import { EditorActions, EditorConflict, EditorSaveError } from '../components/EditorActions';
import { RevisionsDrawer } from '../components/RevisionsDrawer';
import { TabError } from '../components/TabError';
import { useFileEditor } from '../hooks/useFileEditor';
import type { BotDetail } from '../types';

const toText = (file: PersonaFile) => file.content;
const etagOf = (file: PersonaFile) => file.etag;

function PersonaFileEditor({
  botId,
  name,
  onDirty,
}: {
  botId: string;
  name: PersonaFileName;
  onDirty: (name: string, dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const editor = useFileEditor<PersonaFile>({
    queryKey: ['bots', 'files', botId, name],
    source: `persona:${name}`,
    load: useCallback((signal) => getPersonaFile(botId, name, signal), [botId, name]),
    save: useCallback((text, etag) => putPersonaFile(botId, name, text, etag), [botId, name]),
    toText,
    etagOf,
  });
  const { dirty } = editor;
  useEffect(() => onDirty(name, dirty), [onDirty, name, dirty]);

  if (editor.query.isError) {
    return <TabError error={editor.query.error} onRetry={() => void editor.query.refetch()} />;
  }
  if (!editor.base) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  return (
    <Flex vertical gap={12} data-testid={`persona-${name}`}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t(`bot.persona.hint.${name}`)}</Typography.Text>
        <Flex gap={8} wrap>
          <RevisionsDrawer<PersonaFile>
            botId={botId}
            file={name}
            etag={editor.base.etag}
            dirty={editor.dirty}
            onRestored={editor.adopt}
          />
          <EditorActions editor={editor} saveTestId="persona-save" />
        </Flex>
      </Flex>
      <EditorSaveError editor={editor} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <CodeEditor
            value={editor.draft}
            onChange={editor.setDraft}
            onSave={() => {
              if (editor.dirty) editor.save();
            }}
            language="markdown"
            ariaLabel={t('bot.persona.editorLabel', { name })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <div className="bot-preview" data-testid="persona-preview">
            {editor.draft.trim() ? (
              <MarkdownView source={editor.draft} />
            ) : (
              <Typography.Text type="secondary">{t('bot.persona.empty')}</Typography.Text>
            )}
          </div>
        </Col>
      </Row>
      <EditorConflict editor={editor} />
    </Flex>
  );
}

export function PersonaTab({ bot }: { bot: BotDetail }) {
  const [active, setActive] = useState<PersonaFileName>('AGENTS.md');
  const [dirtyFiles, setDirtyFiles] = useState<ReadonlySet<string>>(new Set());
  const onDirty = useCallback((name: string, dirty: boolean) => {
    setDirtyFiles((current) => {
      if (current.has(name) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(name);
      else next.delete(name);
      return next;
    });
  }, []);

  // Visited files stay mounted, so a draft survives switching to another file.
  return (
    <Tabs
      size="small"
      activeKey={active}
      onChange={(key) => setActive(key as PersonaFileName)}
      items={kPersonaFiles.map((name) => ({
        key: name,
        label: (
          <Badge dot={dirtyFiles.has(name)} offset={[6, 0]}>
            <span data-testid={`persona-file-${name}`}>{name}</span>
          </Badge>
        ),
        children: <PersonaFileEditor botId={bot.id} name={name} onDirty={onDirty} />,
      }))}
    />
  );
}
