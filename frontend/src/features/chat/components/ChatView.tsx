import { Alert, Button, Empty, Flex, Spin } from 'antd';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { isBotRunning, type Bot } from '@/features/fleet/types';
import { isApiError } from '@/lib/apiClient';

import { mediaUrl, type FeedbackRoute } from '../api/chatApi';
import { useChatStream } from '../hooks/useChatStream';
import { useFeedback } from '../hooks/useFeedback';
import { useMessages } from '../hooks/useMessages';
import { useSendMessage } from '../hooks/useSendMessage';
import { useUploadLimit } from '../hooks/useUploadLimit';
import { kFailedStatuses } from '../types';

import { ChatComposer } from './ChatComposer';
import { FeedbackButtons } from './FeedbackButtons';
import { MessageBubble } from './MessageBubble';

// A message's media list names files by path; newer servers may send {path, name, mime} objects.
function mediaPaths(media: unknown[] | null | undefined): string[] {
  const paths: string[] = [];
  for (const item of media ?? []) {
    if (typeof item === 'string') paths.push(item);
    else if (item && typeof (item as { path?: unknown }).path === 'string') {
      paths.push((item as { path: string }).path);
    }
  }
  return paths;
}

// How close to the bottom (px) still counts as "following" the conversation.
const kStickThreshold = 80;

interface ChatViewProps {
  bot: Bot;
  // The share page rates answers through the bot's own route, the one its session may call.
  feedbackRoute?: FeedbackRoute;
}

export function ChatView({ bot, feedbackRoute = 'message' }: ChatViewProps) {
  const { t } = useTranslation();
  const history = useMessages(bot.id);
  const stream = useChatStream(bot.id);
  const send = useSendMessage(bot.id);
  const uploadMaxBytes = useUploadLimit();
  const feedback = useFeedback(feedbackRoute);
  const logRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const keepFromBottomRef = useRef<number | null>(null);

  const storedReplies = new Set(
    history.messages
      .filter((message) => message.role === 'assistant' && message.request_id)
      .map((message) => message.request_id as string),
  );
  const openReplies = stream.replies.filter((reply) => !storedReplies.has(reply.requestId));
  const lastReplyLength = openReplies.reduce((sum, reply) => sum + reply.text.length, 0);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    if (keepFromBottomRef.current !== null) {
      // Earlier messages were put above: keep the same message in view.
      log.scrollTop = log.scrollHeight - keepFromBottomRef.current;
      keepFromBottomRef.current = null;
    } else if (followRef.current) {
      log.scrollTop = log.scrollHeight;
    }
  }, [history.messages, openReplies.length, lastReplyLength]);

  const loadEarlier = () => {
    const log = logRef.current;
    if (log) keepFromBottomRef.current = log.scrollHeight - log.scrollTop;
    void history.fetchNextPage();
  };

  const running = isBotRunning(bot);
  const isEmpty = history.isSuccess && history.messages.length === 0 && openReplies.length === 0;

  return (
    <Flex vertical className="chat-view">
      <div
        ref={logRef}
        className="chat-log"
        data-testid="chat-log"
        role="log"
        aria-live="polite"
        onScroll={(event) => {
          const log = event.currentTarget;
          followRef.current = log.scrollHeight - log.scrollTop - log.clientHeight < kStickThreshold;
        }}
      >
        {history.hasNextPage ? (
          <Flex justify="center" style={{ marginBottom: 12 }}>
            <Button size="small" onClick={loadEarlier} loading={history.isFetchingNextPage}>
              {t('chat.loadEarlier')}
            </Button>
          </Flex>
        ) : null}
        {history.isLoading ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
        {history.isError && !history.data ? (
          <Alert
            type="error"
            showIcon
            message={history.error.message}
            action={<Button onClick={() => void history.refetch()}>{t('app.retry')}</Button>}
          />
        ) : null}
        {isEmpty ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chat.empty')} />
        ) : null}
        {history.messages.map((message) => {
          // The live turn_end of this session first, then what history recorded for the turn.
          const turn =
            (message.request_id ? stream.turnStatus[message.request_id] : undefined) ??
            message.turn_status ??
            undefined;
          const failed =
            message.role === 'assistant'
              ? turn && turn !== 'success'
                ? turn
                : kFailedStatuses.has(message.status)
                  ? message.status
                  : null
              : null;
          return (
            <MessageBubble
              key={message.id}
              role={message.role}
              text={message.text}
              createdAt={message.created_at}
              failedStatus={failed}
              reasoning={message.reasoning}
              media={mediaPaths(message.media).map((path) => ({
                url: mediaUrl(bot.id, path),
                name: path.split('/').pop() ?? path,
              }))}
              actions={
                message.role === 'assistant' ? (
                  <FeedbackButtons
                    value={message.feedback}
                    disabled={feedback.isPending}
                    onChange={(value) => feedback.mutate({ message, feedback: value })}
                  />
                ) : null
              }
            />
          );
        })}
        {openReplies.map((reply) => (
          <MessageBubble
            key={`reply-${reply.requestId}`}
            role="assistant"
            text={reply.text}
            streaming={reply.status === null}
            progress={reply.progress}
            reasoning={reply.reasoning}
            failedStatus={reply.status && reply.status !== 'success' ? reply.status : null}
          />
        ))}
      </div>
      {send.isError ? (
        <Alert
          type="error"
          showIcon
          banner
          closable
          data-testid="send-error"
          onClose={() => send.reset()}
          message={
            isApiError(send.error) && send.error.status === 413
              ? t('chat.tooLarge', { detail: send.error.message })
              : send.error.message
          }
        />
      ) : null}
      <ChatComposer
        disabled={!running}
        disabledHint={t('chat.notRunning')}
        sending={send.isPending}
        uploadMaxBytes={uploadMaxBytes}
        onSend={async (text, files) => {
          followRef.current = true;
          const result = await send.mutateAsync({ text, files });
          stream.beginTurn(result.request_id);
          return result;
        }}
      />
    </Flex>
  );
}
