import {
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Segmented } from 'antd';
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

import { logger } from '@/lib/logger';
import { notify } from '@/lib/notify';
import { useViewportHeight } from '@/lib/useViewportHeight';

import { startBot, stopBot } from './api/botsApi';
import { BotTable } from './components/BotTable';
import { filterBots, kFleetFilters, parseFleetFilter, type FleetFilter } from './fleetFilter';
import { putBot } from './hooks/botCache';
import { useDeleteBot, useStartBot, useStopBot } from './hooks/useBotActions';
import { useBots } from './hooks/useBots';
import { useBulkAction } from './hooks/useBulkAction';
import { useFleetLive } from './hooks/useFleetLive';
import { useTodayUsage } from './hooks/useTodayUsage';
import { isBotActive } from './types';

// The new-bot form (forms, steps, selects) loads when first opened, not with the fleet.
// Shown only while a bulk start or stop runs.
const BulkProgressBar = lazy(() =>
  import('./components/BulkProgressBar').then((module) => ({ default: module.BulkProgressBar })),
);
const NewBotModal = lazy(() =>
  import('./components/NewBotModal').then((module) => ({ default: module.NewBotModal })),
);

export function FleetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const bots = useBots();
  const { usage } = useTodayUsage();
  const startOne = useStartBot();
  const stopOne = useStopBot();
  const deleteBot = useDeleteBot();
  const [creating, setCreating] = useState(false);
  const [formLoaded, setFormLoaded] = useState(false);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [params, setParams] = useSearchParams();
  const viewportHeight = useViewportHeight();
  useFleetLive();

  // Search and filter live in the address, so going back to the fleet keeps them.
  const query = params.get('q') ?? '';
  const filter = parseFleetFilter(params.get('show'));
  const deferredQuery = useDeferredValue(query);
  const setParam = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== 'all') next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const list = useMemo(() => bots.data ?? [], [bots.data]);
  const shown = useMemo(
    () => filterBots(list, deferredQuery, filter),
    [list, deferredQuery, filter],
  );

  const bulk = useBulkAction(
    useCallback(
      async (action: 'start' | 'stop', id: string) => {
        const bot = action === 'start' ? await startBot(id) : await stopBot(id);
        putBot(queryClient, bot);
      },
      [queryClient],
    ),
  );

  // Several rows can have a request in flight at once. mutateAsync is used because per-call
  // mutate() callbacks fire only for the latest call of a mutation.
  const runOnRow = useCallback((id: string, action: () => Promise<unknown>, done: () => void) => {
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
  }, []);

  const { mutateAsync: startAsync } = startOne;
  const { mutateAsync: stopAsync } = stopOne;
  const { mutateAsync: deleteAsync } = deleteBot;
  const onStart = useCallback(
    (id: string) =>
      runOnRow(id, () => startAsync(id), () => notify.info(t('fleet.started', { id }))),
    [runOnRow, startAsync, t],
  );
  const onStop = useCallback(
    (id: string) => runOnRow(id, () => stopAsync(id), () => notify.info(t('fleet.stopped', { id }))),
    [runOnRow, stopAsync, t],
  );
  const onDelete = useCallback(
    (id: string, purge: boolean) =>
      runOnRow(id, () => deleteAsync({ id, purge }), () => {
        setSelectedIds((ids) => ids.filter((selected) => selected !== id));
        notify.success(t('fleet.deleted', { id }));
      }),
    [runOnRow, deleteAsync, t],
  );
  const onOpenChat = useCallback(
    (id: string) => navigate(`/bots/${encodeURIComponent(id)}`),
    [navigate],
  );
  const onCreate = useCallback(() => {
    setFormLoaded(true);
    setCreating(true);
  }, []);

  // Bulk actions apply to the selected bots the current filter shows and for which they make
  // sense (starting a running bot would only be refused).
  const visibleIds = new Set(shown.map((bot) => bot.id));
  const selected = list.filter((bot) => visibleIds.has(bot.id) && selectedIds.includes(bot.id));
  const toStart = selected.filter((bot) => !isBotActive(bot)).map((bot) => bot.id);
  const toStop = selected.filter((bot) => isBotActive(bot)).map((bot) => bot.id);
  const bulkRunning = bulk.progress?.running ?? false;
  const filtered = Boolean(query) || filter !== 'all';

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <h3 className="page-title">{t('fleet.title')}</h3>
          {bots.data ? (
            <span className="text-secondary" data-testid="fleet-count">
              {filtered
                ? t('fleet.shown', { shown: shown.length, total: list.length })
                : t('fleet.count', { count: list.length })}
            </span>
          ) : null}
        </div>
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('fleet.refresh')}
            loading={bots.isFetching && !bots.isLoading}
            onClick={() => void bots.refetch()}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('fleet.newBot')}
          </Button>
        </Flex>
      </div>

      {bots.isError && !bots.data ? (
        <Alert
          type="error"
          showIcon
          message={bots.error.message}
          action={<Button onClick={() => void bots.refetch()}>{t('app.retry')}</Button>}
        />
      ) : null}

      <div className="toolbar">
        <Input.Search
          allowClear
          value={query}
          onChange={(event) => setParam('q', event.target.value)}
          placeholder={t('fleet.searchPlaceholder')}
          aria-label={t('fleet.searchPlaceholder')}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Segmented<FleetFilter>
          aria-label={t('fleet.filter.label')}
          value={filter}
          onChange={(value) => setParam('show', value)}
          options={kFleetFilters.map((value) => ({ value, label: t(`fleet.filter.${value}`) }))}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        {selected.length > 0 ? (
          <Flex gap={8} align="center" wrap>
            <span className="text-secondary">
              {t('fleet.selected', { count: selected.length })}
            </span>
            <Button
              icon={<PlayCircleOutlined />}
              disabled={toStart.length === 0 || bulkRunning}
              onClick={() => void bulk.start('start', toStart)}
            >
              {t('fleet.bulkStart')} ({toStart.length})
            </Button>
            <Button
              icon={<PauseCircleOutlined />}
              disabled={toStop.length === 0 || bulkRunning}
              onClick={() => void bulk.start('stop', toStop)}
            >
              {t('fleet.bulkStop')} ({toStop.length})
            </Button>
          </Flex>
        ) : null}
      </div>

      {bulk.progress ? (
        <Suspense fallback={null}>
          <BulkProgressBar progress={bulk.progress} onClose={bulk.clear} />
        </Suspense>
      ) : null}

      {/* A plain panel: antd's Card would bring its tabs and menus to the first screen. */}
      <div className="panel">
        <BotTable
          bots={shown}
          loading={bots.isLoading}
          pendingIds={pendingIds}
          usage={usage}
          selectedIds={selectedIds}
          onSelect={setSelectedIds}
          height={Math.max(320, viewportHeight - 300)}
          emptyText={list.length > 0 ? t('fleet.noMatch') : undefined}
          onCreate={onCreate}
          onOpenChat={onOpenChat}
          onStart={onStart}
          onStop={onStop}
          onDelete={onDelete}
        />
      </div>

      {formLoaded ? (
        <Suspense fallback={null}>
          <NewBotModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={(bot) => {
              setCreating(false);
              notify.success(t('fleet.created', { id: bot.id }));
            }}
          />
        </Suspense>
      ) : null}
    </Flex>
  );
}
