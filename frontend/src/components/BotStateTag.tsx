import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const kStateColors: Record<string, string> = {
  stopped: 'default',
  starting: 'processing',
  ready: 'success',
  busy: 'blue',
  degraded: 'warning',
  error: 'error',
};

const kKnownStates = new Set(Object.keys(kStateColors));

// current_state of a bot as a colored tag; unknown values from a newer server show as-is.
export function BotStateTag({ state }: { state: string | null | undefined }) {
  const { t } = useTranslation();
  const value = state ?? 'unknown';
  const label = kKnownStates.has(value) ? t(`state.${value}` as 'state.ready') : value;

  return (
    <Tag color={kStateColors[value] ?? 'default'} data-testid="bot-state" data-state={value}>
      {label}
    </Tag>
  );
}
