import {
  ArrowLeftOutlined,
  DownloadOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { BotStateTag } from '@/components/BotStateTag';
import { useStartBot, useStopBot } from '@/features/fleet/hooks/useBotActions';
import { isBotActive, type Bot } from '@/features/fleet/types';

import { exportUrl } from '../api/chatApi';

export function ChatHeader({ bot }: { bot: Bot }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startBot = useStartBot();
  const stopBot = useStopBot();
  const active = isBotActive(bot);

  return (
    <Flex align="center" justify="space-between" wrap gap={8} className="chat-header">
      <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('chat.back')}
          onClick={() => navigate('/')}
        />
        <Typography.Title level={4} style={{ margin: 0 }} ellipsis data-testid="bot-name">
          {bot.name || bot.id}
        </Typography.Title>
        <Typography.Text type="secondary" code>
          {bot.id}
        </Typography.Text>
        <BotStateTag state={bot.current_state} />
        <Tag className="hide-on-phone">{bot.docker_status}</Tag>
      </Flex>
      <Space>
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
          <Button icon={<DownloadOutlined />}>{t('chat.export')}</Button>
        </Dropdown>
        <Button
          type={active ? 'default' : 'primary'}
          icon={<PlayCircleOutlined />}
          loading={startBot.isPending}
          disabled={active}
          onClick={() => startBot.mutate(bot.id)}
        >
          {t('chat.start')}
        </Button>
        <Button
          icon={<PauseCircleOutlined />}
          loading={stopBot.isPending}
          disabled={!active}
          onClick={() => stopBot.mutate(bot.id)}
        >
          {t('chat.stop')}
        </Button>
      </Space>
    </Flex>
  );
}
