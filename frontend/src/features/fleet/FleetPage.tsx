import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { logger } from '@/lib/logger';
import { notify } from '@/lib/notify';

import { BotTable } from './components/BotTable';
import { NewBotModal } from './components/NewBotModal';
import { useDeleteBot, useStartBot, useStopBot } from './hooks/useBotActions';
import { useBots } from './hooks/useBots';
import { useFleetLive } from './hooks/useFleetLive';

export function FleetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const bots = useBots();
  const startBot = useStartBot();
  const stopBot = useStopBot();
  const deleteBot = useDeleteBot();
  const [creating, setCreating] = useState(false);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  useFleetLive();

  // Several rows can have a request in flight at once. mutateAsync is used because per-call
  // mutate() callbacks fire only for the latest call of a mutation.
  const runOnRow = (id: string, action: () => Promise<unknown>, done: () => void) => {
    setPendingIds((ids) => new Set(ids).add(id));
    action()
      .then(done)
      .catch((error: unknown) => {
        // Already shown by the mutation cache's error handler.
        logger.debug('bot action failed', { bot_id: id, error: String(error) });
      })
      .finally(() =>
        setPendingIds((ids) => {
          const next = new Set(ids);
          next.delete(id);
          return next;
        }),
      );
  };

  const list = bots.data ?? [];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('fleet.title')}
          </Typography.Title>
          {bots.data ? (
            <Typography.Text type="secondary">
              {t('fleet.count', { count: list.length })}
            </Typography.Text>
          ) : null}
        </div>
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('fleet.refresh')}
            loading={bots.isFetching && !bots.isLoading}
            onClick={() => void bots.refetch()}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('fleet.newBot')}
          </Button>
        </Flex>
      </Flex>

      {bots.isError && !bots.data ? (
        <Alert
          type="error"
          showIcon
          message={bots.error.message}
          action={<Button onClick={() => void bots.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}

      <Card styles={{ body: { padding: 0 } }}>
        <BotTable
          bots={list}
          loading={bots.isLoading}
          pendingIds={pendingIds}
          onCreate={() => setCreating(true)}
          onOpenChat={(id) => navigate(`/bots/${encodeURIComponent(id)}`)}
          onStart={(id) =>
            runOnRow(
              id,
              () => startBot.mutateAsync(id),
              () => notify.info(t('fleet.started', { id })),
            )
          }
          onStop={(id) =>
            runOnRow(
              id,
              () => stopBot.mutateAsync(id),
              () => notify.info(t('fleet.stopped', { id })),
            )
          }
          onDelete={(id) =>
            runOnRow(
              id,
              () => deleteBot.mutateAsync(id),
              () => notify.success(t('fleet.deleted', { id })),
            )
          }
        />
      </Card>

      <NewBotModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(bot) => {
          setCreating(false);
          notify.success(t('fleet.created', { id: bot.id }));
        }}
      />
    </Flex>
  );
}
