import i18next from 'i18next';
import en from '../i18n/support/en.json' with { type: 'json' };
import ja from '../i18n/support/ja.json' with { type: 'json' };
import '../support.css';

// The support pages' strings live in their own catalogues (client/src/i18n/support), merged into the shared i18next
// instance before the page translates itself.
i18next.addResourceBundle('en', 'translation', en, true, false);
i18next.addResourceBundle('ja', 'translation', ja, true, false);

/** The same strings in another language: the words staff read out to a customer who speaks it. */
export const tIn = (lng: 'ja' | 'en') => (key: string, values?: Record<string, unknown>): string => i18next.getFixedT(lng)(key, values ?? {}) as string;

/** The console's stylesheet is bundled next to the page script (esbuild emits <page>.css); CSP allows 'self' styles. */
export function loadStylesheet(page: string) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/assets/${page}.css`;
  document.head.append(link);
}
