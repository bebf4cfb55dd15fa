import { DislikeFilled, DislikeOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

export interface FeedbackButtonsProps {
  value: 'up' | 'down' | null;
  disabled?: boolean;
  // Pressing the current rating again clears it.
  onChange: (value: 'up' | 'down' | null) => void;
}

export function FeedbackButtons({ value, disabled, onChange }: FeedbackButtonsProps) {
  const { t } = useTranslation();
  return (
    <span className="chat-feedback">
      <Tooltip title={t('chat.feedbackUp')}>
        <Button
          type="text"
          size="small"
          aria-label={t('chat.feedbackUp')}
          aria-pressed={value === 'up'}
          disabled={disabled}
          icon={value === 'up' ? <LikeFilled /> : <LikeOutlined />}
          onClick={() => onChange(value === 'up' ? null : 'up')}
        />
      </Tooltip>
      <Tooltip title={t('chat.feedbackDown')}>
        <Button
          type="text"
          size="small"
          aria-label={t('chat.feedbackDown')}
          aria-pressed={value === 'down'}
          disabled={disabled}
          icon={value === 'down' ? <DislikeFilled /> : <DislikeOutlined />}
          onClick={() => onChange(value === 'down' ? null : 'down')}
        />
      </Tooltip>
    </span>
  );
}
