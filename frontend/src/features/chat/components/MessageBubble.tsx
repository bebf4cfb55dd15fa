import { WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';

import { MarkdownView } from './MarkdownView';

export interface MessageBubbleProps {
  role: string;
  text: string;
  createdAt?: string;
  streaming?: boolean;
  // A turn status other than success ("error", "timeout", "interrupted").
  failedStatus?: string | null;
}

const kKnownFailures = new Set(['error', 'timeout', 'interrupted']);

export function MessageBubble(props: MessageBubbleProps) {
  const { role, text, createdAt, streaming, failedStatus } = props;
  const { t, i18n } = useTranslation();
  const side = role === 'user' ? 'user' : role === 'assistant' ? 'assistant' : 'system';
  const statusLabel = failedStatus
    ? kKnownFailures.has(failedStatus)
      ? t(`chat.turn.${failedStatus}` as 'chat.turn.error')
      : failedStatus
    : null;

  return (
    <div
      className={`chat-row chat-row--${side}`}
      data-testid="chat-message"
      data-role={side}
      data-streaming={streaming ? 'true' : undefined}
    >
      <div className={`chat-bubble chat-bubble--${side}`}>
        {side === 'user' ? (
          <div className="chat-plain">{text}</div>
        ) : text ? (
          <MarkdownView source={text} />
        ) : streaming ? (
          <Typography.Text type="secondary">{t('chat.thinking')}</Typography.Text>
        ) : null}
        {streaming && text ? <span className="chat-cursor" aria-hidden /> : null}
      </div>
      <div className="chat-meta">
        {statusLabel ? (
          <Tag color="warning" icon={<WarningOutlined />} data-testid="turn-warning">
            {statusLabel}
          </Tag>
        ) : null}
        {createdAt ? (
          <Tooltip title={formatDateTime(createdAt, i18n.resolvedLanguage ?? 'en')}>
            <Typography.Text type="secondary" className="chat-time">
              {new Date(createdAt).toLocaleTimeString(i18n.resolvedLanguage ?? 'en', {
                hour: '2-digit',
                minute: '2-digit',
              })}
            </Typography.Text>
          </Tooltip>
        ) : null}
      </div>
    </div>
  );
}
