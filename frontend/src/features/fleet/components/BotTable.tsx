import {
  MessageOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Empty, Space, Tag, Tooltip } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { BotStateTag } from '@/components/BotStateTag';
import { formatDateTime, formatRelative } from '@/lib/format';
import { formatBytes, formatCompact, formatNumber } from '@/lib/units';

import type { BotDayUsage } from '../hooks/useTodayUsage';
import { isBotActive, type Bot } from '../types';

import { DeleteBotButton } from './DeleteBotButton';
import { FleetTable, type FleetColumn } from './FleetTable';

const kDockerColors: Record<string, string> = {
  running: 'green',
  created: 'blue',
  restarting: 'orange',
  paused: 'gold',
  exited: 'default',
  dead: 'red',
  absent: 'default',
  unknown: 'default',
};

export interface BotTableProps {
  bots: Bot[];
  loading?: boolean;
  // Ids with a start/stop/delete request in flight; their buttons show a spinner.
  pendingIds?: ReadonlySet<string>;
  usage?: ReadonlyMap<string, BotDayUsage>;
  selectedIds?: string[];
  onSelect?: (ids: string[]) => void;
  // Height of the scrolling body when the table is virtual.
  height?: number;
  onStart: (id: string) => void;
  onStop: (id: string) => void;
  onDelete: (id: string, purge: boolean) => void;
  onOpenChat: (id: string) => void;
  onCreate: () => void;
  emptyText?: string;
}

// The last change of the bot's state (start, stop, channel up or down…).
function lastActivity(bot: Bot): string {
  return bot.updated_at;
}

function compareText(a: string | null | undefined, b: string | null | undefined): number {
  return (a ?? '').localeCompare(b ?? '');
}

export const BotTable = memo(function BotTable(props: BotTableProps) {
  const {
    bots,
    loading = false,
    pendingIds,
    usage,
    selectedIds,
    onSelect,
    height = 560,
    onStart,
    onStop,
    onDelete,
    onOpenChat,
    onCreate,
    emptyText,
  } = props;
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';

  const columns = useMemo<FleetColumn[]>(
    () => [
      {
        title: t('fleet.columns.id'),
        key: 'id',
        width: 160,
        ellipsis: true,
        sorter: (a, b) => compareText(a.id, b.id),
        render: ({ id }) => (
          <Link to={`/bots/${encodeURIComponent(id)}`}>
            <code className="inline-code">{id}</code>
          </Link>
        ),
      },
      {
        title: t('fleet.columns.name'),
        key: 'name',
        width: 120,
        ellipsis: true,
        from: 'sm',
        sorter: (a, b) => compareText(a.name, b.name),
        render: (bot) => bot.name,
      },
      {
        // Channel state first (what a user of the bot sees), then the runtime's own status and a
        // drift mark when the running bot no longer matches its files.
        title: t('fleet.columns.state'),
        key: 'state',
        width: 170,
        sorter: (a, b) => compareText(a.current_state, b.current_state),
        render: (bot) => (
          <Space size={2} wrap={false}>
            {bot.state_detail ? (
              <Tooltip title={bot.state_detail}>
                <span>
                  <BotStateTag state={bot.current_state} />
                </span>
              </Tooltip>
            ) : (
              <BotStateTag state={bot.current_state} />
            )}
            <Tooltip title={`${t('fleet.columns.runtime')}: ${bot.docker_status}`}>
              <Tag
                bordered={false}
                color={kDockerColors[bot.docker_status] ?? 'default'}
                data-testid="runtime-status"
              >
                {bot.docker_status}
              </Tag>
            </Tooltip>
            {bot.drift ? (
              <Tooltip title={bot.drift.reason}>
                <Tag color="warning" data-testid="drift-tag">
                  {t('fleet.driftTag')}
                </Tag>
              </Tooltip>
            ) : null}
          </Space>
        ),
      },
      {
        title: t('fleet.columns.image'),
        key: 'image',
        width: 140,
        ellipsis: true,
        from: 'xxl',
        sorter: (a, b) => compareText(a.image_tag, b.image_tag),
        render: (bot) => <span className="text-secondary">{bot.image_tag ?? '—'}</span>,
      },
      {
        title: t('fleet.columns.resources'),
        key: 'resources',
        width: 140,
        from: 'lg',
        sorter: (a, b) => (a.stats?.cpu_percent ?? -1) - (b.stats?.cpu_percent ?? -1),
        render: (bot) =>
          bot.stats ? (
            <Tooltip
              title={t('fleet.sampledAt', { when: formatRelative(bot.stats.sampled_at, locale) })}
            >
              <span className="numeric" data-testid="bot-resources">
                {bot.stats.cpu_percent != null ? `${bot.stats.cpu_percent.toFixed(1)}%` : '—'}
                {' · '}
                {formatBytes(bot.stats.memory_bytes)}
                {bot.stats.memory_limit_bytes ? (
                  <span className="text-secondary">
                    {' / '}
                    {formatBytes(bot.stats.memory_limit_bytes)}
                  </span>
                ) : null}
              </span>
            </Tooltip>
          ) : (
            <span className="text-secondary">—</span>
          ),
      },
      {
        title: t('fleet.columns.today'),
        key: 'today',
        width: 110,
        from: 'md',
        sorter: (a, b) => (usage?.get(a.id)?.tokens ?? 0) - (usage?.get(b.id)?.tokens ?? 0),
        render: (bot) => {
          if (!usage) return <span className="text-secondary">—</span>;
          const day = usage.get(bot.id);
          return (
            <Tooltip
              title={`${t('fleet.columns.requests')}: ${formatNumber(day?.requests ?? 0, locale)} · ${t('fleet.columns.tokens')}: ${formatNumber(day?.tokens ?? 0, locale)}`}
            >
              <span className="numeric" data-testid="bot-today">
                {t('fleet.todayCell', {
                  requests: formatNumber(day?.requests ?? 0, locale),
                  tokens: formatCompact(day?.tokens ?? 0, locale),
                })}
              </span>
            </Tooltip>
          );
        },
      },
      {
        title: t('fleet.columns.updated'),
        key: 'updated',
        width: 110,
        from: 'md',
        sorter: (a, b) => compareText(lastActivity(a), lastActivity(b)),
        render: (bot) => {
          const when = lastActivity(bot);
          return (
            <Tooltip title={formatDateTime(when, locale)}>
              <span>{formatRelative(when, locale)}</span>
            </Tooltip>
          );
        },
      },
      {
        title: t('fleet.columns.actions'),
        key: 'actions',
        width: 150,
        align: 'right',
        render: (bot) => {
          const pending = pendingIds?.has(bot.id) ?? false;
          return (
            <Space size={4} wrap={false}>
              {isBotActive(bot) ? (
                <Button
                  size="small"
                  icon={<PauseCircleOutlined />}
                  aria-label={t('fleet.actions.stop')}
                  loading={pending}
                  onClick={() => onStop(bot.id)}
                >
                  <span className="hide-on-phone">{t('fleet.actions.stop')}</span>
                </Button>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  icon={<PlayCircleOutlined />}
                  aria-label={t('fleet.actions.start')}
                  loading={pending}
                  onClick={() => onStart(bot.id)}
                >
                  <span className="hide-on-phone">{t('fleet.actions.start')}</span>
                </Button>
              )}
              <Tooltip title={t('fleet.actions.chat')}>
                <Button
                  size="small"
                  icon={<MessageOutlined />}
                  aria-label={t('fleet.actions.chat')}
                  onClick={() => onOpenChat(bot.id)}
                />
              </Tooltip>
              <DeleteBotButton id={bot.id} disabled={pending} onDelete={onDelete} />
            </Space>
          );
        },
      },
    ],
    [t, locale, usage, pendingIds, onStart, onStop, onDelete, onOpenChat],
  );

  if (!loading && bots.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={emptyText ?? t('fleet.empty')}
        style={{ padding: '40px 16px' }}
      >
        {emptyText ? null : (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('fleet.newBot')}
          </Button>
        )}
      </Empty>
    );
  }

  return (
    <FleetTable
      bots={bots}
      columns={columns}
      loading={loading}
      height={height}
      selectedIds={onSelect ? (selectedIds ?? []) : undefined}
      onSelect={onSelect}
    />
  );
});
