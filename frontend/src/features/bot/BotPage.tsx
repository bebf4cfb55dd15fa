import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Modal, Result, Tabs } from 'antd';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';

import { PageLoader } from '@/components/PageLoader';
import { botKeys } from '@/features/fleet/hooks/botCache';
import { useBot } from '@/features/fleet/hooks/useBots';
import { useFleetLive } from '@/features/fleet/hooks/useFleetLive';
import { isApiError } from '@/lib/apiClient';
import { useTopic } from '@/lib/useTopic';

import { BotBanners } from './components/BotBanners';
import { BotHeader } from './components/BotHeader';
import {
  UnsavedChangesProvider,
  useBeforeUnloadWarning,
  useDiscardUnsaved,
  useHasUnsavedChanges,
} from './hooks/unsavedChanges';
import { isBotTab, kBotTabs, type BotDetail, type BotTab } from './types';

import './botPage.css';

interface TabProps {
  bot: BotDetail;
}

// Each tab is its own chunk: opening the chat does not download the editors or the charts.
const kTabComponents: Record<BotTab, ComponentType<TabProps>> = {
  chat: lazy(() => import('./tabs/ChatTab').then((m) => ({ default: m.ChatTab }))),
  persona: lazy(() => import('./tabs/PersonaTab').then((m) => ({ default: m.PersonaTab }))),
  config: lazy(() => import('./tabs/ConfigTab').then((m) => ({ default: m.ConfigTab }))),
  env: lazy(() => import('./tabs/EnvTab').then((m) => ({ default: m.EnvTab }))),
  resources: lazy(() => import('./tabs/ResourcesTab').then((m) => ({ default: m.ResourcesTab }))),
  skills: lazy(() => import('./tabs/SkillsTab').then((m) => ({ default: m.SkillsTab }))),
  logs: lazy(() => import('./tabs/LogsTab').then((m) => ({ default: m.LogsTab }))),
  usage: lazy(() => import('./tabs/UsageTab').then((m) => ({ default: m.UsageTab }))),
  events: lazy(() => import('./tabs/EventsTab').then((m) => ({ default: m.EventsTab }))),
};

export function BotPage() {
  return (
    <UnsavedChangesProvider>
      <BotPageContent />
    </UnsavedChangesProvider>
  );
}

function BotPageContent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '', tab } = useParams();
  const bot = useBot(id);
  // The bot's state (ready, busy, stopped…) arrives on the fleet topic.
  useFleetLive();
  // A saved config, env or persona file may leave the bot needing a restart; that flag is part
  // of the bot object, so the bot is read again.
  const queryClient = useQueryClient();
  useTopic('fleet', (frame) => {
    if (frame.type === 'config_changed' && frame.bot_id === id) {
      void queryClient.invalidateQueries({ queryKey: botKeys.detail(id) });
    }
  });
  const activeTab: BotTab = isBotTab(tab) ? tab : 'chat';

  if (bot.isError && !bot.data) {
    const notFound = isApiError(bot.error) && bot.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('bot.notFound', { id }) : bot.error.message}
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

  const detail = bot.data as BotDetail;
  const ActiveTab = kTabComponents[activeTab];

  return (
    <Card className="bot-page" styles={{ body: { padding: 0 } }}>
      <UnsavedChangesGuard />
      <BotHeader bot={detail} />
      <div className="bot-banners">
        <BotBanners bot={detail} />
      </div>
      <Tabs
        className="bot-tabs"
        activeKey={activeTab}
        onChange={(key) => navigate(`/bots/${encodeURIComponent(id)}/${key}`)}
        items={kBotTabs.map((key) => ({
          key,
          label: <span data-testid={`bot-tab-${key}`}>{t(`bot.tabs.${key}`)}</span>,
        }))}
      />
      <div className={`bot-tab-body bot-tab-body--${activeTab}`} data-testid="bot-tab-body">
        <Suspense fallback={<PageLoader />}>
          <ActiveTab key={`${detail.id}-${activeTab}`} bot={detail} />
        </Suspense>
      </div>
    </Card>
  );
}

// Asks before a tab switch or navigation drops unsaved edits, and arms the browser's prompt for
// closing or reloading the window.
function UnsavedChangesGuard() {
  const { t } = useTranslation();
  const dirty = useHasUnsavedChanges();
  const discard = useDiscardUnsaved();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useBeforeUnloadWarning(dirty);

  // Once the edits are discarded (or saved) a blocked navigation goes ahead.
  useEffect(() => {
    if (blocker.state === 'blocked' && !dirty) blocker.proceed();
  }, [blocker, dirty]);

  return (
    <Modal
      open={blocker.state === 'blocked'}
      title={t('bot.unsaved.title')}
      okText={t('bot.unsaved.discard')}
      okButtonProps={{ danger: true, id: 'discard-changes' }}
      cancelText={t('bot.unsaved.stay')}
      onOk={discard}
      onCancel={() => blocker.reset?.()}
    >
      {t('bot.unsaved.body')}
    </Modal>
  );
}
