import { HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Flex, List, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';
import { notify } from '@/lib/notify';

import { getRevision, listRevisions, restoreRevision } from '../api/revisionsApi';

import { TabError } from './TabError';

interface RevisionsDrawerProps<Doc> {
  botId: string;
  file: string;
  // The ETag the editor holds; a restore over a newer copy is refused like a stale save.
  etag: string;
  // Restoring over unsaved edits would lose them: the user saves or discards first.
  dirty: boolean;
  onRestored: (doc: Doc) => void;
}

function DiffView({ diff }: { diff: string }) {
  return (
    <pre className="bot-diff" data-testid="revision-diff">
      {diff.split('\n').map((line, index) => {
        const kind = line.startsWith('+') && !line.startsWith('+++')
          ? 'added'
          : line.startsWith('-') && !line.startsWith('---')
            ? 'removed'
            : 'same';
        return (
          <div key={index} className={`bot-diff-line bot-diff-line--${kind}`}>
            {line}
          </div>
        );
      })}
    </pre>
  );
}

// Saved versions of one file: who saved what and when, each one's diff, and a restore (which
// the server records as a new revision). Secrets in stored revisions are redacted.
export function RevisionsDrawer<Doc>(props: RevisionsDrawerProps<Doc>) {
  const { botId, file, etag, dirty, onRestored } = props;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const listKey = ['bots', 'revisions', botId, file];
  const list = useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => listRevisions(botId, file, signal),
    enabled: open,
    meta: { handlesErrors: true },
    retry: false,
    staleTime: 0,
  });
  const detail = useQuery({
    queryKey: ['bots', 'revision', botId, selected],
    queryFn: ({ signal }) => getRevision(botId, selected as number, signal),
    enabled: open && selected !== null,
    meta: { handlesErrors: true },
    retry: false,
  });
  const restore = useMutation({
    mutationFn: (revision: number) => restoreRevision<Doc>(botId, revision, etag),
    onSuccess: (doc, revision) => {
      onRestored(doc);
      notify.success(t('bot.revisions.restored', { revision }));
      void queryClient.invalidateQueries({ queryKey: listKey });
      setSelected(null);
    },
  });
  const locale = i18n.resolvedLanguage ?? 'en';

  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="revisions-open">
        {t('bot.revisions.open')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        width={720}
        title={t('bot.revisions.title', { file })}
        destroyOnHidden
      >
        {list.isError ? <TabError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isLoading ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : null}
        {list.data ? (
          <List
            size="small"
            dataSource={list.data.revisions}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.revisions.none')} /> }}
            renderItem={(item) => (
              <List.Item
                onClick={() => setSelected(item.revision)}
                style={{ cursor: 'pointer', background: item.revision === selected ? '#e6f4ff' : undefined }}
                data-testid="revision-item"
              >
                <Flex vertical style={{ width: '100%' }}>
                  <Flex gap={8} align="center" wrap>
                    <Tag>#{item.revision}</Tag>
                    <Typography.Text>{formatDateTime(item.created_at, locale)}</Typography.Text>
                    <Typography.Text type="secondary">{item.actor}</Typography.Text>
                  </Flex>
                  {item.summary ? (
                    <Typography.Text type="secondary" ellipsis>
                      {item.summary}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        ) : null}
        {selected !== null ? (
          <Flex vertical gap={8} style={{ marginTop: 16 }}>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('bot.revisions.diffTitle', { revision: selected })}
              </Typography.Title>
              <Popconfirm
                title={t('bot.revisions.restoreConfirm', { revision: selected })}
                onConfirm={() => restore.mutate(selected)}
                disabled={dirty}
              >
                <Button danger disabled={dirty} loading={restore.isPending}>
                  {t('bot.revisions.restore')}
                </Button>
              </Popconfirm>
            </Flex>
            {dirty ? <Alert type="info" showIcon message={t('bot.revisions.saveFirst')} /> : null}
            {detail.isError ? <TabError error={detail.error} /> : null}
            {detail.isLoading ? <Spin /> : null}
            {detail.data ? <DiffView diff={detail.data.diff || detail.data.content} /> : null}
          </Flex>
        ) : null}
      </Drawer>
    </>
  );
}
