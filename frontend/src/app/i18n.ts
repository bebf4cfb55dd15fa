import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { shellLocales } from './shellLocales';
import type { FeatureLocales } from './localeTypes';
import { en } from './locales/en';
import { zhCN } from './locales/zhCN';
// Each feature keeps its strings in its own file (one import line and one list entry each), so
// features do not share one large locale file.
import { accountLocales } from '@/features/account/locales';
import { alertsLocales } from '@/features/alerts/locales';
import { botLocales } from '@/features/bot/locales';
import { eventsLocales } from '@/features/events/locales';
import { fleetLocales } from '@/features/fleet/locales';
import { imagesLocales } from '@/features/images/locales';
import { settingsLocales } from '@/features/settings/locales';
import { shareLocales } from '@/features/share/locales';
import { skillsLocales } from '@/features/skills/locales';
import { usageLocales } from '@/features/usage/locales';

const kFeatureLocales: FeatureLocales[] = [
  shellLocales,
  accountLocales,
  alertsLocales,
  botLocales,
  eventsLocales,
  fleetLocales,
  imagesLocales,
  settingsLocales,
  shareLocales,
  skillsLocales,
  usageLocales,
];

// A feature owns its top-level keys ("images", "usage"…) and replaces the same key of the
// shared files; a key two features both define is a mistake (the later one would silently
// win), so it is reported in development.
function mergeLocales(base: object, language: keyof FeatureLocales): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  const owned = new Set<string>();
  for (const feature of kFeatureLocales) {
    for (const [key, value] of Object.entries(feature[language])) {
      if (import.meta.env.DEV && owned.has(key)) {
        console.warn(`i18n: top-level key "${key}" is defined by two features (${language})`);
      }
      owned.add(key);
      merged[key] = value;
    }
  }
  return merged;
}

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
        en: { translation: mergeLocales(en, 'en') },
        'zh-CN': { translation: mergeLocales(zhCN, 'zh-CN') },
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
