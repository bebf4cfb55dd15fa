import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { botLocales } from '@/features/bot/locales';

import { en } from './locales/en';
import { zhCN } from './locales/zhCN';

export const kLanguages = [
  { code: 'en', label: 'English', short: 'EN' },
  { code: 'zh-CN', label: '简体中文', short: '中文' },
] as const;

export type LanguageCode = (typeof kLanguages)[number]['code'];

const kStorageKey = 'nbdash.language';

function readStoredLanguage(): LanguageCode | null {
  try {
    const stored = window.localStorage.getItem(kStorageKey);
    return stored === 'en' || stored === 'zh-CN' ? stored : null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): fall back to the browser
  }
}

// A choice made in the header wins; otherwise the browser's preferred languages decide.
export function detectLanguage(): LanguageCode {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lower = (tag ?? '').toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function changeLanguage(code: LanguageCode): void {
  try {
    window.localStorage.setItem(kStorageKey, code);
  } catch {
    // The choice then lasts for this page only; nothing else depends on it being stored.
  }
  void i18next.changeLanguage(code);
}

export function initI18n(language: LanguageCode = detectLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: {
        en: { translation: { ...en, ...botLocales.en } },
        'zh-CN': { translation: { ...zhCN, ...botLocales['zh-CN'] } },
      },
      lng: language,
      fallbackLng: 'en',
      supportedLngs: ['en', 'zh-CN'],
      interpolation: { escapeValue: false },
      returnNull: false,
      // Resources are bundled, so the first render can already use the detected language.
      initAsync: false,
    });
    i18next.on('languageChanged', (lng) => {
      document.documentElement.lang = lng;
    });
    document.documentElement.lang = language;
  }
  return i18next;
}
