import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatCost } from '@/lib/units';

import type { CostStatus } from '../types';

interface CostValueProps {
  cost: number | null;
  status: CostStatus;
  currency: string;
}

// A cost as the server knows it: "unknown" when nothing was priced (never 0), and the priced
// part marked "partial" when some tokens had no price.
export function CostValue({ cost, status, currency }: CostValueProps) {
  const { t, i18n } = useTranslation();
  if (status === 'unknown' || cost === null) {
    return (
      <Tooltip title={t('usage.costUnknownHint')}>
        <span data-cost-status="unknown">{t('usage.unknown')}</span>
      </Tooltip>
    );
  }
  const text = formatCost(cost, i18n.resolvedLanguage ?? 'en', currency);
  if (status === 'partial') {
    return (
      <span data-cost-status="partial">
        {text}{' '}
        <Tooltip title={t('usage.costPartialHint')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('usage.partial')}
          </Tag>
        </Tooltip>
      </span>
    );
  }
  return <span data-cost-status="known">{text}</span>;
}
