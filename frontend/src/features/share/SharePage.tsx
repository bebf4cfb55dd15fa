import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { BotStateTag } from '@/components/BotStateTag';
import { BrandMark } from '@/components/BrandMark';
import { isMissingApi, NotAvailable } from '@/components/NotAvailable';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageLoader } from '@/components/PageLoader';
import { ChatView } from '@/features/chat/components/ChatView';
import type { Bot } from '@/features/fleet/types';
import { isApiError } from '@/lib/apiClient';

import { getSharedBot, shareLogin, type SharedBot } from './api/shareApi';

export const shareKey = (id: string) => ['share', id] as const;

// ChatView takes a full bot; a share session only learns the id, name and state.
function asBot(shared: SharedBot): Bot {
  return {
    id: shared.id,
    name: shared.name,
    current_state: shared.current_state,
    enabled: true,
    has_access_password: true,
    workspace_dir: '',
    docker_status: 'unknown',
    last_action: null,
    state_detail: null,
    image_tag: null,
    created_at: '',
    updated_at: '',
  };
}

function PasswordPrompt({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (password: string) => shareLogin(id, password),
    meta: { handlesErrors: true },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: shareKey(id) }),
  });

  return (
    <Flex justify="center" style={{ padding: '48px 16px' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
          <LockOutlined style={{ fontSize: 28, color: '#1677ff' }} />
          <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }}>
            {t('share.locked')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('share.lockedHint')}
          </Typography.Text>
        </Flex>
        <Form layout="vertical" onFinish={(values: { password: string }) => login.mutate(values.password)}>
          {login.isError ? (
            <Alert type="error" showIcon role="alert" message={login.error.message} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item
            label={t('share.password')}
            name="password"
            rules={[{ required: true, message: t('share.passwordRequired') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('share.enter')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

// /share/{id}: anyone with the bot's access password chats with that bot, and nothing else.
export function SharePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const shared = useQuery({
    queryKey: shareKey(id),
    queryFn: ({ signal }) => getSharedBot(id, signal),
    retry: false,
    // No fleet topic for a share session: the bot's state is polled instead.
    refetchInterval: (query) => (query.state.status === 'success' ? 5000 : false),
    meta: { handlesErrors: true },
  });

  let body;
  if (shared.isLoading) {
    body = <PageLoader />;
  } else if (shared.isError && isApiError(shared.error) && shared.error.status === 401) {
    body = <PasswordPrompt id={id} />;
  } else if (shared.isError && isMissingApi(shared.error)) {
    body = <NotAvailable />;
  } else if (shared.isError && !shared.data) {
    body = <Result status="warning" title={shared.error.message} />;
  } else if (shared.data) {
    const bot = asBot(shared.data);
    body = (
      <Card className="chat-card share-chat" styles={{ body: { padding: 0 } }}>
        <Flex align="center" gap={8} style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="bot-name">
            {t('share.title', { name: bot.name })}
          </Typography.Title>
          <BotStateTag state={bot.current_state} />
        </Flex>
        <ChatView key={bot.id} bot={bot} feedbackRoute="bot" />
      </Card>
    );
  }

  return (
    <div className="share-screen">
      <header className="share-header">
        <Flex align="center" gap={8}>
          <BrandMark size={24} />
          <span>{t('app.name')}</span>
        </Flex>
        <LanguageSwitch />
      </header>
      <main className="share-main">{body}</main>
    </div>
  );
}
