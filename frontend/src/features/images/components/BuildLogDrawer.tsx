import { Alert, Drawer, Spin, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { useBuildLog } from '../hooks/useImageQueries';

// The build output of one image; followed live (polled) while the build runs.
export function BuildLogDrawer({ tag, building, onClose }: {
  tag: string | null;
  building: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const log = useBuildLog(tag, building);
  const end = useRef<HTMLDivElement>(null);
  const text = log.data?.build_log ?? '';

  useEffect(() => {
    if (building) end.current?.scrollIntoView({ block: 'end' });
  }, [text, building]);

  let body;
  if (log.isLoading) {
    body = <Spin />;
  } else if (log.isError) {
    body = <Alert type="error" showIcon message={log.error.message} />;
  } else if (!text) {
    body = (
      <Typography.Text type="secondary">
        {building ? t('images.buildLogWaiting') : t('images.buildLogEmpty')}
      </Typography.Text>
    );
  } else {
    body = (
      <pre className="build-log" data-testid="build-log">
        {text}
        <div ref={end} />
      </pre>
    );
  }

  return (
    <Drawer
      open={tag !== null}
      onClose={onClose}
      width={720}
      title={
        <span>
          {t('images.buildLog')} <Typography.Text code>{tag}</Typography.Text>
          {building ? <Spin size="small" style={{ marginInlineStart: 8 }} /> : null}
        </span>
      }
    >
      {body}
    </Drawer>
  );
}
