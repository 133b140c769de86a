import sayEn from '../i18n/support/say.en.json' with { type: 'json' };
import sayJa from '../i18n/support/say.ja.json' with { type: 'json' };
import '../support.css';
import { LabApiError } from './api.js';
import { addStrings, lang, t } from './i18n.js';

export { tIn } from './i18n.js';

// The support pages' strings live in their own catalogues (client/src/i18n/support), merged into the page's strings
// before it translates itself. The console's own words come in the page's language only, like the main catalogue
// (each a chunk of its own); the words to say to a customer come in both, since the console shows them in the
// customer's language too.
addStrings(
  lang,
  lang === 'ja'
    ? (await import('../i18n/support/ja.json', { with: { type: 'json' } })).default
    : (await import('../i18n/support/en.json', { with: { type: 'json' } })).default,
);
addStrings('en', sayEn);
addStrings('ja', sayJa);

/** The console's stylesheet is bundled next to the page script (esbuild emits <page>.css); CSP allows 'self' styles. */
export function loadStylesheet(page: string) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/assets/${page}.css`;
  document.head.append(link);
}

/**
 * A refusal in the console's words, never the server's English: the codes staff meet have their own sentence, any
 * other names its code so it can be reported.
 */
export function describeSupportError(error: unknown): string {
  if (!(error instanceof LabApiError)) return t('support.errors.unreachable');
  const known: Record<string, string> = {
    staff_only: 'support.errors.staff_only',
    invalid_request: 'support.errors.invalid_input',
    rate_limited: 'support.errors.rate_limited',
    cross_site_request: 'support.errors.cross_site',
  };
  return known[error.code] ? t(known[error.code]!) : t('support.errors.generic', { code: error.code });
}
