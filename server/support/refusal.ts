import en from '../../client/src/i18n/support/refusal.en.json' with { type: 'json' };
import ja from '../../client/src/i18n/support/refusal.ja.json' with { type: 'json' };

// The console page's own refusal, in the visitor's language: a plain-text page, so the words come straight from the
// support catalogues (client/src/i18n/support), where the ja/en parity test covers them with every other string.
const REFUSAL = { en: en.support.refusal, ja: ja.support.refusal };

/** "Staff only" for a refusal (403), "could not be shown" for a failure (500). */
export const refusalText = (lang: 'ja' | 'en', failed: boolean) => REFUSAL[lang][failed ? 'pageFailed' : 'staffOnly'];
