// Delete with a confirmation that can also purge the bot's folder. Without the purge the files
// stay on disk (recoverable by hand) and the id cannot be given to a new bot.
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface DeleteBotButtonProps {
  id: string;
  disabled: boolean;
  onDelete: (id: string, purge: boolean) => void;
}

export function DeleteBotButton({ id, disabled, onDelete }: DeleteBotButtonProps) {
  const { t } = useTranslation();
  const [purge, setPurge] = useState(false);
  return (
    <Popconfirm
      title={t('fleet.actions.deleteConfirm', { id })}
      description={
        <>
          <div>{t(purge ? 'fleet.actions.deletePurgeHint' : 'fleet.actions.deleteHint')}</div>
          <Checkbox checked={purge} onChange={(event) => setPurge(event.target.checked)}>
            {t('fleet.actions.deletePurge')}
          </Checkbox>
        </>
      }
      okText={t('fleet.actions.delete')}
      cancelText={t('fleet.actions.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => onDelete(id, purge)}
      onOpenChange={(open) => open || setPurge(false)}
    >
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('fleet.actions.delete')}
        disabled={disabled}
      />
    </Popconfirm>
  );
}
