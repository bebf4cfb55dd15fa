import { DownloadOutlined, PauseOutlined, CaretRightOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Segmented, Spin, Typography } from 'antd';
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { LogLine } from '../api/logsApi';
import { TabError } from '../components/TabError';
import { useBotLogs } from '../hooks/useBotLogs';
import type { BotDetail } from '../types';

type StreamFilter = 'all' | 'stdout' | 'stderr';

// Marks every case-insensitive occurrence of the search text in a line.
function highlight(text: string, search: string): ReactNode {
  if (!search) return text;
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function toText(lines: LogLine[]): string {
  return lines.map((line) => `${line.time ?? ''} ${line.stream} ${line.text}`.trim()).join('\n');
}

function download(botId: string, lines: LogLine[]): void {
  const blob = new Blob([toText(lines) + '\n'], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${botId}-logs.txt`;
  link.click();
  URL.revokeObjectURL(url);
}

export function LogsTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(false);
  const [search, setSearch] = useState('');
  const [stream, setStream] = useState<StreamFilter>('all');
  const { lines, tail } = useBotLogs(bot.id, paused);
  const viewRef = useRef<HTMLPreElement>(null);
  const followRef = useRef(true);

  const shown = useMemo(() => {
    const needle = search.toLowerCase();
    return lines.filter(
      (line) =>
        (stream === 'all' || line.stream === stream) &&
        (!needle || line.text.toLowerCase().includes(needle)),
    );
  }, [lines, search, stream]);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (view && followRef.current) view.scrollTop = view.scrollHeight;
  }, [shown]);

  if (tail.isError) return <TabError error={tail.error} onRetry={() => void tail.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            placeholder={t('bot.logs.search')}
            aria-label={t('bot.logs.search')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 260 }}
          />
          <Segmented<StreamFilter>
            value={stream}
            onChange={setStream}
            options={[
              { value: 'all', label: t('bot.logs.all') },
              { value: 'stdout', label: 'stdout' },
              { value: 'stderr', label: 'stderr' },
            ]}
          />
        </Flex>
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" data-testid="log-count">
            {t('bot.logs.count', { shown: shown.length, total: lines.length })}
          </Typography.Text>
          <Button
            icon={paused ? <CaretRightOutlined /> : <PauseOutlined />}
            onClick={() => setPaused((value) => !value)}
          >
            {paused ? t('bot.logs.resume') : t('bot.logs.pause')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            disabled={lines.length === 0}
            onClick={() => download(bot.id, shown)}
          >
            {t('bot.logs.download')}
          </Button>
        </Flex>
      </Flex>
      {tail.isLoading ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <pre
          ref={viewRef}
          className="bot-log-view"
          data-testid="log-view"
          role="log"
          aria-live="off"
          tabIndex={0}
          onScroll={(event) => {
            const view = event.currentTarget;
            followRef.current = view.scrollHeight - view.scrollTop - view.clientHeight < 40;
          }}
        >
          {shown.length === 0 ? (
            <span className="bot-log-time">
              {lines.length === 0 ? t('bot.logs.empty') : t('bot.logs.noMatch')}
            </span>
          ) : (
            shown.map((line, index) => (
              <div
                key={index}
                className={`bot-log-line bot-log-line--${line.stream}`}
                data-testid="log-line"
              >
                {line.time ? (
                  <span className="bot-log-time">{line.time.slice(11, 23)}</span>
                ) : null}
                {highlight(line.text, search)}
              </div>
            ))
          )}
        </pre>
      )}
    </Flex>
  );
}
