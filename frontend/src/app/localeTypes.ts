// The strings of one feature in both languages. Each top-level key (e.g. "images") belongs to
// exactly one feature; the nested shape is the feature's own.
export interface FeatureLocales {
  en: Record<string, unknown>;
  'zh-CN': Record<string, unknown>;
}
