import { Button, Modal, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { diffLines } from '../lineDiff';
import type { SaveConflict } from '../hooks/useFileEditor';

interface ConflictModalProps {
  conflict: SaveConflict | null;
  mine: string;
  saving: boolean;
  onTakeTheirs: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}

// A save ran into a newer copy on the server: show what differs and let the user choose.
export function ConflictModal(props: ConflictModalProps) {
  const { conflict, mine, saving, onTakeTheirs, onOverwrite, onCancel } = props;
  const { t } = useTranslation();
  const [view, setView] = useState<'diff' | 'theirs'>('diff');
  const diff = useMemo(
    () => (conflict ? diffLines(conflict.theirs, mine) : []),
    [conflict, mine],
  );

  return (
    <Modal
      open={conflict !== null}
      title={t('bot.conflict.title')}
      width={820}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('bot.conflict.cancel')}
        </Button>,
        <Button key="theirs" onClick={onTakeTheirs} data-testid="conflict-reload">
          {t('bot.conflict.reload')}
        </Button>,
        <Button key="mine" danger type="primary" loading={saving} onClick={onOverwrite}>
          {t('bot.conflict.overwrite')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('bot.conflict.body')}</Typography.Paragraph>
      <Segmented
        value={view}
        onChange={(value) => setView(value as 'diff' | 'theirs')}
        options={[
          { value: 'diff', label: t('bot.conflict.compare') },
          { value: 'theirs', label: t('bot.conflict.theirs') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <pre className="bot-diff" data-testid="conflict-diff">
        {view === 'theirs'
          ? conflict?.theirs
          : diff.map((line, index) => (
              <div key={index} className={`bot-diff-line bot-diff-line--${line.kind}`}>
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                {line.text}
              </div>
            ))}
      </pre>
    </Modal>
  );
}
