import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { exportUrl } from '@/features/chat/api/chatApi';
import { ChatView } from '@/features/chat/components/ChatView';

import type { BotDetail } from '../types';

export function ChatTab({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Flex justify="space-between" align="center" gap={8} className="bot-chat-toolbar">
        <Typography.Text type="secondary" className="hide-on-phone">
          {t('chat.commandsHint')}
        </Typography.Text>
        <Dropdown
          menu={{
            items: [
              {
                key: 'markdown',
                label: <a href={exportUrl(bot.id, 'markdown')}>{t('chat.exportMarkdown')}</a>,
              },
              {
                key: 'jsonl',
                label: <a href={exportUrl(bot.id, 'jsonl')}>{t('chat.exportJsonl')}</a>,
              },
            ],
          }}
        >
          <Button size="small" icon={<DownloadOutlined />}>
            {t('chat.export')}
          </Button>
        </Dropdown>
      </Flex>
      <ChatView key={bot.id} bot={bot} />
    </>
  );
}
