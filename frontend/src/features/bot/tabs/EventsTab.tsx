import { Button, Empty, Flex, Input, Segmented, Spin, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

import { TabError } from '../components/TabError';
import { useBotEvents } from '../hooks/useBotEvents';
import type { BotDetail } from '../types';

type SeverityFilter = 'all' | 'info' | 'warning' | 'error';

const kSeverityColor: Record<string, string> = { info: 'blue', warning: 'orange', error: 'red' };

export function EventsTab({ bot }: { bot: BotDetail }) {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState('');
  const [search, setSearch] = useState('');
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const events = useBotEvents(bot.id, {
    type: type.replace(/\s+/g, '') || undefined,
    q: search.trim() || undefined,
  });
  const locale = i18n.resolvedLanguage ?? 'en';

  // Severity is filtered here: the server filters by type, and pages stay the same for both.
  const shown = useMemo(
    () => events.events.filter((event) => severity === 'all' || event.severity === severity),
    [events.events, severity],
  );

  if (events.isError && !events.data) {
    return <TabError error={events.error} onRetry={() => void events.refetch()} />;
  }

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('bot.events.type')}
          aria-label={t('bot.events.type')}
          onSearch={setType}
          style={{ width: 320 }}
        />
        <Input.Search
          allowClear
          placeholder={t('bot.events.search')}
          aria-label={t('bot.events.search')}
          onSearch={setSearch}
          style={{ width: 240 }}
        />
        <Segmented<SeverityFilter>
          value={severity}
          onChange={setSeverity}
          options={(['all', 'info', 'warning', 'error'] as const).map((value) => ({
            value,
            label: t(`bot.events.severity.${value}`),
          }))}
        />
      </Flex>
      {events.isLoading ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
      {events.isSuccess && shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bot.events.empty')} />
      ) : null}
      {shown.length > 0 ? (
        <Timeline
          data-testid="event-timeline"
          items={shown.map((event) => ({
            key: event.id,
            color: kSeverityColor[event.severity] ?? 'gray',
            children: (
              <div data-testid="event-item" data-type={event.event_type}>
                <Flex gap={8} wrap align="center">
                  <Tag color={kSeverityColor[event.severity]}>{event.event_type}</Tag>
                  <Typography.Text type="secondary">
                    {formatDateTime(event.created_at, locale)}
                  </Typography.Text>
                </Flex>
                {event.detail ? <div>{event.detail}</div> : null}
                {event.request_id ? (
                  <Typography.Text type="secondary" code>
                    {event.request_id}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          }))}
        />
      ) : null}
      {events.hasNextPage ? (
        <Button
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('bot.events.more')}
        </Button>
      ) : null}
    </Flex>
  );
}
