import { BellOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  Select,
  Skeleton,
  Switch,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { useBots } from '@/features/fleet/hooks/useBots';
import { formatDateTime, formatRelative } from '@/lib/format';

import { useEvents } from './hooks/useEvents';
import { kAlertTypes, kKnownEventTypes, type ActivityEvent, type EventFilters } from './types';

const kSeverityColors: Record<string, string> = {
  info: 'blue',
  warning: 'orange',
  error: 'red',
  critical: 'red',
};
const kSeverities = ['info', 'warning', 'error', 'critical'];
const kFilterKeys = ['bot_id', 'type', 'severity', 'q', 'from', 'to'] as const;

function EventItem({ event, locale }: { event: ActivityEvent; locale: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="event-item">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{event.event_type}</Typography.Text>
        {event.bot_id ? (
          <Link to={`/bots/${encodeURIComponent(event.bot_id)}`}>
            <Typography.Text code>{event.bot_id}</Typography.Text>
          </Link>
        ) : null}
        <Tag color={kSeverityColors[event.severity] ?? 'default'}>
          {t(`events.severities.${event.severity}`, { defaultValue: event.severity })}
        </Tag>
        <Tooltip title={formatDateTime(event.created_at, locale)}>
          <Typography.Text type="secondary">{formatRelative(event.created_at, locale)}</Typography.Text>
        </Tooltip>
      </Flex>
      {event.detail ? <div style={{ wordBreak: 'break-word' }}>{event.detail}</div> : null}
      {event.request_id ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('events.requestId', { id: event.request_id })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

export function EventsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const [params, setParams] = useSearchParams();
  const bots = useBots();
  const live = params.get('live') !== 'off';

  const filters = useMemo(() => {
    const result: EventFilters = {};
    for (const key of kFilterKeys) {
      const value = params.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [params]);
  const events = useEvents(filters, live);
  const types = filters.type ? filters.type.split(',').filter(Boolean) : [];

  const setFilter = (changes: Record<string, string | null | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const setParam = (key: string, value: string | null | undefined) => setFilter({ [key]: value });

  const list = events.events;
  const filtered = Object.keys(filters).length > 0;

  let body;
  if (events.isLoading) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else if (events.isError && !events.data) {
    body = (
      <Alert
        type="error"
        showIcon
        message={events.error.message}
        action={<Button onClick={() => void events.refetch()}>{t('app.retry')}</Button>}
      />
    );
  } else if (list.length === 0) {
    body = <Empty description={filtered ? t('events.empty') : t('events.emptyAll')} />;
  } else {
    body = (
      <>
        <Timeline
          items={list.map((event) => ({
            key: event.id,
            color: kSeverityColors[event.severity] ?? 'gray',
            children: <EventItem event={event} locale={locale} />,
          }))}
        />
        <Flex justify="center">
          {events.hasNextPage ? (
            <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              {t('events.loadOlder')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('events.noMore')}</Typography.Text>
          )}
        </Flex>
      </>
    );
  }

  return (
    <Flex vertical gap={16}>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('events.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('events.subtitle')}</Typography.Text>
        </div>
        <Flex align="center" gap={8}>
          <Switch
            checked={live}
            onChange={(checked) => setParam('live', checked ? null : 'off')}
            aria-label={t('events.live')}
          />
          <Typography.Text>{live ? t('events.live') : t('events.paused')}</Typography.Text>
        </Flex>
      </div>

      <div className="toolbar">
        <Select
          allowClear
          showSearch
          aria-label={t('events.bot')}
          placeholder={t('events.allBots')}
          value={filters.bot_id}
          onChange={(value?: string) => setParam('bot_id', value)}
          options={(bots.data ?? []).map((bot) => ({ value: bot.id, label: bot.id }))}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          aria-label={t('events.severity')}
          placeholder={t('events.severity')}
          value={filters.severity}
          onChange={(value?: string) => setParam('severity', value)}
          options={kSeverities.map((value) => ({
            value,
            label: t(`events.severities.${value}`),
          }))}
          style={{ width: 140 }}
        />
        <Select
          mode="tags"
          allowClear
          aria-label={t('events.type')}
          placeholder={t('events.typePlaceholder')}
          value={types}
          onChange={(values: string[]) =>
            setParam('type', values.map((value) => value.trim()).filter(Boolean).join(','))
          }
          options={kKnownEventTypes.map((value) => ({ value, label: value }))}
          tokenSeparators={[',', ' ']}
          maxTagCount="responsive"
          style={{ minWidth: 200, maxWidth: 360 }}
          data-testid="events-type"
        />
        <Button
          icon={<BellOutlined />}
          type={filters.type === kAlertTypes ? 'primary' : 'default'}
          onClick={() => setParam('type', filters.type === kAlertTypes ? null : kAlertTypes)}
          aria-pressed={filters.type === kAlertTypes}
        >
          {t('events.alertsOnly')}
        </Button>
        <Input.Search
          allowClear
          aria-label={t('events.search')}
          placeholder={t('events.search')}
          defaultValue={filters.q}
          onSearch={(value) => setParam('q', value.trim())}
          style={{ width: 220 }}
        />
        <DatePicker.RangePicker
          showTime
          aria-label={t('events.range')}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) => {
            setFilter({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() });
          }}
        />
      </div>

      <Card>{body}</Card>
    </Flex>
  );
}
