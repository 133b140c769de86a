import i18next from 'i18next';
import en from '../i18n/en.json' with { type: 'json' };
import ja from '../i18n/ja.json' with { type: 'json' };

// The server sets <html lang> from the lang cookie or Accept-Language; the switch sets the cookie.
export const lang: 'ja' | 'en' = document.documentElement.lang === 'ja' ? 'ja' : 'en';

void i18next.init({
  lng: lang,
  fallbackLng: 'en',
  resources: { en: { translation: en }, ja: { translation: ja } },
  interpolation: { escapeValue: false },
  // Keys such as methods.social:line contain a colon, which i18next would read as a namespace.
  nsSeparator: false,
  initAsync: false,
});

export const t = (key: string, values?: Record<string, unknown>): string => i18next.t(key, values ?? {}) as string;

/** Fills every element marked data-i18n (text) or data-i18n-placeholder (placeholder) from the catalogue. */
export function translatePage(root: ParentNode = document) {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n!);
  });
  root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((element) => {
    element.placeholder = t(element.dataset.i18nPlaceholder!);
  });
  document.title = t('app.title') + ' — ' + t(document.body.dataset.page ? `nav.${document.body.dataset.page}` : 'app.title');
}

export function setLanguage(next: 'ja' | 'en') {
  document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
  location.reload();
}
