import rosetta from 'rosetta';
// First, before the catalogue's await below: a page whose start fails still gives its links back (ready.ts).
import './ready.js';

// The server sets <html lang> from the lang cookie or Accept-Language; the switch sets the cookie.
export const lang: 'ja' | 'en' = document.documentElement.lang === 'ja' ? 'ja' : 'en';

// Only this page's language is downloaded: each catalogue is a chunk of its own (client/build.mjs splits the bundle),
// and the pages wait for it through this module's top-level await. Both catalogues hold the same keys (a unit test).
// rosetta, not i18next: the pages need dotted keys and {{name}} placeholders only, and i18next alone was a large
// share of every page's weight (figures: docs/benchmark.md, Page size).
const catalogue = (
  lang === 'ja'
    ? await import('../i18n/ja.json', { with: { type: 'json' } })
    : await import('../i18n/en.json', { with: { type: 'json' } })
).default;
const strings = rosetta<typeof catalogue>({ [lang]: catalogue });
strings.locale(lang);

/** The catalogue's text for key with {{name}} placeholders filled; the key itself when the catalogue has none. */
export const t = (key: string, values?: Record<string, unknown>): string => {
  const text: unknown = strings.t(key, values ?? {});
  return typeof text === 'string' && text !== '' ? text : key;
};

/** Fills every element marked data-i18n (text) or data-i18n-placeholder (placeholder) from the catalogue. */
export function translatePage(root: ParentNode = document) {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n!);
  });
  root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((element) => {
    element.placeholder = t(element.dataset.i18nPlaceholder!);
  });
  document.title =
    t('app.title') + ' — ' + t(document.body.dataset.page ? `nav.${document.body.dataset.page}` : 'app.title');
}

/** Merges more strings into a language's table (the support pages' own catalogues), nested objects key by key. */
export function addStrings(language: 'ja' | 'en', table: Record<string, unknown>) {
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(from)) {
      const existing = into[key];
      if (value && typeof value === 'object' && existing && typeof existing === 'object')
        merge(existing as Record<string, unknown>, value as Record<string, unknown>);
      else into[key] = value;
    }
  };
  const current = (strings.table(language) ?? {}) as Record<string, unknown>;
  merge(current, table);
  strings.set(language, current as typeof catalogue);
}

/** The same strings in another language (words staff read out to a customer); the key when that table lacks it. */
export const tIn =
  (language: 'ja' | 'en') =>
  (key: string, values?: Record<string, unknown>): string => {
    const text: unknown = strings.t(key, values ?? {}, language);
    return typeof text === 'string' && text !== '' ? text : key;
  };

export function setLanguage(next: 'ja' | 'en') {
  document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
  location.reload();
}
