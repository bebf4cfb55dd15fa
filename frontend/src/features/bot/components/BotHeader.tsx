import {
  ArrowLeftOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { BotStateTag } from '@/components/BotStateTag';
import { useStartBot, useStopBot } from '@/features/fleet/hooks/useBotActions';
import { isBotActive } from '@/features/fleet/types';

import { useRestartBot } from '../hooks/useRestartBot';
import type { BotDetail } from '../types';

export function BotHeader({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startBot = useStartBot();
  const stopBot = useStopBot();
  const restartBot = useRestartBot();
  const active = isBotActive(bot);

  return (
    <Flex align="center" justify="space-between" wrap gap={8} className="bot-header">
      <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('bot.back')}
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
        {bot.image_tag ? (
          <Typography.Text type="secondary" className="hide-on-phone">
            {bot.image_tag}
          </Typography.Text>
        ) : null}
      </Flex>
      <Space wrap>
        <Button
          type={active ? 'default' : 'primary'}
          icon={<PlayCircleOutlined />}
          loading={startBot.isPending}
          disabled={active}
          onClick={() => startBot.mutate(bot.id)}
        >
          {t('bot.start')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          loading={restartBot.isPending}
          disabled={!active}
          onClick={() => restartBot.mutate(bot.id)}
        >
          {t('bot.restart')}
        </Button>
        <Button
          icon={<PauseCircleOutlined />}
          loading={stopBot.isPending}
          disabled={!active}
          onClick={() => stopBot.mutate(bot.id)}
        >
          {t('bot.stop')}
        </Button>
      </Space>
    </Flex>
  );
}
