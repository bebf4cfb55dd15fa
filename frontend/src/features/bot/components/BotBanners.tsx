import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

import { useRestartBot } from '../hooks/useRestartBot';
import type { BotDetail } from '../types';

// Saved config, env or persona changes take effect on the next start; the server says so with
// needs_restart. Drift means the runtime disagrees with what the dashboard wants.
export function BotBanners({ bot }: { bot: BotDetail }) {
  const { t } = useTranslation();
  const restart = useRestartBot();
  const running = bot.docker_status === 'running';

  return (
    <Flex vertical gap={8}>
      {bot.needs_restart ? (
        <Alert
          type="warning"
          showIcon
          data-testid="restart-banner"
          message={t('bot.needsRestart')}
          description={running ? t('bot.needsRestartHint') : t('bot.needsRestartStopped')}
          action={
            running ? (
              <Button
                size="small"
                type="primary"
                loading={restart.isPending}
                onClick={() => restart.mutate(bot.id)}
              >
                {t('bot.restartNow')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {bot.drift ? (
        <Alert
          type="error"
          showIcon
          data-testid="drift-banner"
          message={t('bot.drift', { desired: bot.drift.desired, actual: bot.drift.actual })}
          description={bot.drift.reason || undefined}
        />
      ) : null}
    </Flex>
  );
}
