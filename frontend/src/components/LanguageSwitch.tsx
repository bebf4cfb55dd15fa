import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

import { changeLanguage, kLanguages, type LanguageCode } from '@/app/i18n';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = (i18n.resolvedLanguage ?? i18n.language) as LanguageCode;

  return (
    <Segmented<LanguageCode>
      aria-label={t('app.language')}
      size="small"
      value={current}
      onChange={changeLanguage}
      className={dark ? 'language-switch language-switch--dark' : 'language-switch'}
      options={kLanguages.map((language) => ({
        value: language.code,
        label: <span lang={language.code}>{language.short}</span>,
        title: language.label,
      }))}
    />
  );
}
