import { LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
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
  // The model's reasoning, shown folded away from the answer.
  reasoning?: string | null;
  // The tool step the bot is on while the reply is being written.
  progress?: string;
  // Rating controls, for stored answers.
  actions?: ReactNode;
  // Files the bot attached, as URLs the dashboard serves.
  media?: { url: string; name: string }[];
}

const kImageName = /\.(png|jpe?g|gif|webp|svg)$/i;
const kVideoName = /\.(mp4|webm|mov)$/i;
const kAudioName = /\.(mp3|ogg|oga|wav|m4a)$/i;

// Images, video and audio preview in place; anything else is a download link.
function MediaPreview({ url, name }: { url: string; name: string }) {
  if (kImageName.test(name)) {
    return (
      <a href={url} target="_blank" rel="noreferrer">
        <img src={url} alt={name} className="chat-media-image" loading="lazy" />
      </a>
    );
  }
  if (kVideoName.test(name)) {
    return <video src={url} controls preload="metadata" className="chat-media-image" />;
  }
  if (kAudioName.test(name)) {
    return <audio src={url} controls preload="none" aria-label={name} />;
  }
  return (
    <a href={url} download={name}>
      {name}
    </a>
  );
}

const kKnownFailures = new Set(['error', 'timeout', 'interrupted']);

export function MessageBubble(props: MessageBubbleProps) {
  const { role, text, createdAt, streaming, failedStatus, reasoning, progress, actions, media } =
    props;
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
        {reasoning ? (
          <details className="chat-reasoning">
            <summary>{t('chat.reasoning')}</summary>
            <div className="chat-plain">{reasoning}</div>
          </details>
        ) : null}
        {streaming && progress ? (
          <Typography.Text type="secondary" className="chat-progress" data-testid="chat-progress">
            <LoadingOutlined /> {t('chat.working', { step: progress })}
          </Typography.Text>
        ) : null}
        {side === 'user' ? (
          <div className="chat-plain">{text}</div>
        ) : text ? (
          <MarkdownView source={text} />
        ) : streaming ? (
          <Typography.Text type="secondary">{t('chat.thinking')}</Typography.Text>
        ) : null}
        {streaming && text ? <span className="chat-cursor" aria-hidden /> : null}
        {media && media.length > 0 ? (
          <div className="chat-media">
            {media.map((item) => (
              <MediaPreview key={item.url} url={item.url} name={item.name} />
            ))}
          </div>
        ) : null}
      </div>
      <div className="chat-meta">
        {actions}
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
