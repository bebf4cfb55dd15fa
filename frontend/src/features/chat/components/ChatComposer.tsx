import { CloseOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Tag, Typography } from 'antd';
import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { formatBytes } from '../attachments';
import { matchSlashCommands } from '../slashCommands';

interface ChatComposerProps {
  disabled: boolean;
  disabledHint?: string;
  sending: boolean;
  // Largest file accepted as an attachment, in bytes.
  uploadMaxBytes: number;
  // Resolves when the server accepted the message; rejects to give text and files back.
  onSend: (text: string, files: File[]) => Promise<unknown>;
}

export function ChatComposer(props: ChatComposerProps) {
  const { disabled, disabledHint, sending, uploadMaxBytes, onSend } = props;
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const suggestions = matchSlashCommands(text);

  const send = () => {
    const value = text.trim();
    if (disabled || (!value && files.length === 0)) return;
    const attached = files;
    setText('');
    setFiles([]);
    onSend(value, attached).catch(() => {
      setText((current) => current || value);
      setFiles((current) => (current.length ? current : attached));
    });
  };

  const pickFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    const tooLarge = picked.filter((file) => file.size > uploadMaxBytes);
    setFileError(
      tooLarge.length
        ? t('chat.attachTooLarge', {
            name: tooLarge.map((file) => file.name).join(', '),
            limit: formatBytes(uploadMaxBytes),
          })
        : null,
    );
    const accepted = picked.filter((file) => file.size <= uploadMaxBytes);
    setFiles((current) => [...current, ...accepted]);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Tab completes a slash command while one is being typed.
    if (event.key === 'Tab' && suggestions.length > 0) {
      event.preventDefault();
      setText(suggestions[0]);
      return;
    }
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
      {suggestions.length > 0 ? (
        <Flex gap={6} wrap align="center" data-testid="slash-hints" role="listbox">
          {suggestions.map((command) => (
            <Tag
              key={command}
              role="option"
              aria-selected={false}
              className="chat-slash-hint"
              onClick={() => setText(command)}
            >
              <Typography.Text code>{command}</Typography.Text>{' '}
              {t(`chat.commands.${command.slice(1)}`)}
            </Tag>
          ))}
        </Flex>
      ) : null}
      {files.length > 0 ? (
        <Flex gap={6} wrap data-testid="composer-attachments">
          {files.map((file, index) => (
            <Tag
              key={`${file.name}-${index}`}
              closable
              closeIcon={<CloseOutlined aria-label={t('chat.removeAttachment', { name: file.name })} />}
              onClose={() => setFiles((current) => current.filter((_, i) => i !== index))}
            >
              {file.name} ({formatBytes(file.size)})
            </Tag>
          ))}
        </Flex>
      ) : null}
      {fileError ? (
        <Typography.Text type="danger" data-testid="attachment-error">
          {fileError}
        </Typography.Text>
      ) : null}
      <Flex gap={8} align="flex-end">
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="attachment-input"
          onChange={pickFiles}
        />
        <Button
          icon={<PaperClipOutlined />}
          aria-label={t('chat.attach')}
          title={t('chat.attachHint', { limit: formatBytes(uploadMaxBytes) })}
          disabled={disabled}
          onClick={() => fileInput.current?.click()}
        />
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
          disabled={disabled || (!text.trim() && files.length === 0)}
          aria-label={t('chat.send')}
        >
          <span className="hide-on-phone">{t('chat.send')}</span>
        </Button>
      </Flex>
    </Flex>
  );
}
