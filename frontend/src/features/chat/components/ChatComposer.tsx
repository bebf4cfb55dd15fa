import { SendOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ChatComposerProps {
  disabled: boolean;
  disabledHint?: string;
  sending: boolean;
  // Resolves when the server accepted the text; rejects to give the text back to the box.
  onSend: (text: string) => Promise<unknown>;
}

export function ChatComposer({ disabled, disabledHint, sending, onSend }: ChatComposerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');

  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    setText('');
    onSend(value).catch(() => setText((current) => current || value));
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (Chinese, Japanese…) picks a candidate instead.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <Flex vertical gap={6} className="chat-composer">
      {disabled && disabledHint ? (
        <Typography.Text type="warning" data-testid="composer-hint">
          {disabledHint}
        </Typography.Text>
      ) : null}
      <Flex gap={8} align="flex-end">
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={handleKeyDown}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.placeholder')}
          autoSize={{ minRows: 1, maxRows: 6 }}
          disabled={disabled}
          maxLength={20000}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={send}
          loading={sending}
          disabled={disabled || !text.trim()}
          aria-label={t('chat.send')}
        >
          <span className="hide-on-phone">{t('chat.send')}</span>
        </Button>
      </Flex>
    </Flex>
  );
}
