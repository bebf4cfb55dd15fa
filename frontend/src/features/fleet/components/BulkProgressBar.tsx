import { Alert, Button, Progress } from 'antd';
import { useTranslation } from 'react-i18next';

import type { BulkProgress } from '../hooks/useBulkAction';

// Progress of a bulk start/stop while it runs, then its result with the ids that failed and why.
export function BulkProgressBar({ progress, onClose }: { progress: BulkProgress; onClose: () => void }) {
  const { t } = useTranslation();
  const action = t(progress.action === 'start' ? 'fleet.bulkStart' : 'fleet.bulkStop');
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;

  if (progress.running) {
    return (
      <Alert
        type="info"
        data-testid="bulk-progress"
        message={t('fleet.bulkProgress', { action, done: progress.done, total: progress.total })}
        description={<Progress percent={percent} size="small" status="active" />}
      />
    );
  }
  const failed = progress.failed.length;
  return (
    <Alert
      type={failed ? 'warning' : 'success'}
      showIcon
      data-testid="bulk-result"
      message={t('fleet.bulkDone', { action, ok: progress.done - failed, failed })}
      description={
        failed ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {progress.failed.slice(0, 10).map((failure) => (
              <li key={failure.id}>
                <code className="inline-code">{failure.id}</code> {failure.message}
              </li>
            ))}
            {failed > 10 ? <li>…</li> : null}
          </ul>
        ) : undefined
      }
      action={
        <Button size="small" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    />
  );
}
