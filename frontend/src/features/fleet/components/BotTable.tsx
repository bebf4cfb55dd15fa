import {
  DeleteOutlined,
  MessageOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { BotStateTag } from '@/components/BotStateTag';
import { formatDateTime, formatRelative } from '@/lib/format';

import { isBotActive, type Bot } from '../types';

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
  onStart: (id: string) => void;
  onStop: (id: string) => void;
  onDelete: (id: string) => void;
  onOpenChat: (id: string) => void;
  onCreate: () => void;
}

export function BotTable(props: BotTableProps) {
  const { bots, loading = false, pendingIds, onStart, onStop, onDelete, onOpenChat, onCreate } =
    props;
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';

  const columns: ColumnsType<Bot> = [
    {
      title: t('fleet.columns.id'),
      dataIndex: 'id',
      key: 'id',
      render: (id: string) => (
        <Link to={`/bots/${encodeURIComponent(id)}`}>
          <Typography.Text code>{id}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('fleet.columns.name'),
      dataIndex: 'name',
      key: 'name',
      responsive: ['sm'],
      ellipsis: true,
    },
    {
      title: t('fleet.columns.image'),
      dataIndex: 'image_tag',
      key: 'image',
      responsive: ['lg'],
      render: (tag: string | null) => (
        <Typography.Text type="secondary">{tag ?? '—'}</Typography.Text>
      ),
    },
    {
      title: t('fleet.columns.runtime'),
      dataIndex: 'docker_status',
      key: 'runtime',
      responsive: ['md'],
      render: (status: string) => <Tag color={kDockerColors[status] ?? 'default'}>{status}</Tag>,
    },
    {
      title: t('fleet.columns.state'),
      dataIndex: 'current_state',
      key: 'state',
      render: (state: string, bot) =>
        bot.state_detail ? (
          <Tooltip title={bot.state_detail}>
            <span>
              <BotStateTag state={state} />
            </span>
          </Tooltip>
        ) : (
          <BotStateTag state={state} />
        ),
    },
    {
      title: t('fleet.columns.lastAction'),
      dataIndex: 'last_action',
      key: 'lastAction',
      responsive: ['lg'],
      render: (action: string | null) => action ?? '—',
    },
    {
      title: t('fleet.columns.updated'),
      dataIndex: 'updated_at',
      key: 'updated',
      responsive: ['md'],
      render: (updatedAt: string) => (
        <Tooltip title={formatDateTime(updatedAt, locale)}>
          <span>{formatRelative(updatedAt, locale)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('fleet.columns.actions'),
      key: 'actions',
      align: 'right',
      render: (_value, bot) => {
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
            <Button
              size="small"
              icon={<MessageOutlined />}
              aria-label={t('fleet.actions.chat')}
              onClick={() => onOpenChat(bot.id)}
            >
              <span className="hide-on-phone">{t('fleet.actions.chat')}</span>
            </Button>
            <Popconfirm
              title={t('fleet.actions.deleteConfirm', { id: bot.id })}
              description={t('fleet.actions.deleteHint')}
              okText={t('fleet.actions.delete')}
              cancelText={t('fleet.actions.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete(bot.id)}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('fleet.actions.delete')}
                disabled={pending}
              />
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  if (!loading && bots.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('fleet.empty')}
        style={{ padding: '40px 16px' }}
      >
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          {t('fleet.newBot')}
        </Button>
      </Empty>
    );
  }

  return (
    <Table<Bot>
      rowKey="id"
      columns={columns}
      dataSource={bots}
      loading={loading}
      pagination={bots.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      size="middle"
    />
  );
}
