import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { PageLoader } from '@/components/PageLoader';
import { useBot } from '@/features/fleet/hooks/useBots';
import { useFleetLive } from '@/features/fleet/hooks/useFleetLive';
import { isApiError } from '@/lib/apiClient';

import { ChatHeader } from './components/ChatHeader';
import { ChatView } from './components/ChatView';

export function ChatPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const bot = useBot(id);
  // The bot's state (ready, busy, stopped…) arrives on the fleet topic.
  useFleetLive();

  if (bot.isError && !bot.data) {
    const notFound = isApiError(bot.error) && bot.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('chat.notFound', { id }) : bot.error.message}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('app.backHome')}
          </Button>
        }
      />
    );
  }
  if (!bot.data) {
    return <PageLoader />;
  }

  return (
    <Card className="chat-card" styles={{ body: { padding: 0 } }}>
      <ChatHeader bot={bot.data} />
      <ChatView key={bot.data.id} bot={bot.data} />
    </Card>
  );
}
