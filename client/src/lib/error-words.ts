// What went wrong in a history row, in a short past-tense sentence of the page's language (historyErrors in
// client/src/i18n/history-errors.*.json), never the stored code: a browser's DOMException name (NotAllowedError) or
// one of the lab's refusal codes (verification_failed). The code stays in the row's details for support.
// The same code means different things at different steps (a browser's NotAllowedError when choosing a passkey, or
// when told about passkeys; step_up_required on a passkey or on a Google / LINE link), so the step picks the words.
// Where each step's codes come from, and that each has words: tests/unit/error-words.test.ts.
// Pure: the caller passes its catalogue lookup, so the unit test runs it on the real catalogues.

import type { Lookup } from './sheet-words.js';

export type ErrorGroup = 'browser' | 'refused' | 'fallback' | 'signal';

/** Which words a step's codes take; undefined for a step that records none. */
export function errorGroup(kind: string): ErrorGroup | undefined {
  // The page's report of a failed navigator.credentials.get() (server/webauthn/failure-route.ts).
  if (kind === 'authentication.failure') return 'browser';
  // A refused answer to the lab (server/webauthn/rejections.ts's recordRejection).
  if (kind === 'registration.verify' || kind === 'authentication.verify') return 'refused';
  // Google / LINE's answer refused (server/fallback/routes.ts).
  if (kind === 'fallback.login' || kind === 'identity.link') return 'fallback';
  // A PublicKeyCredential.signal* call the browser refused (server/account/signals.ts).
  if (kind.startsWith('signal.')) return 'signal';
  return undefined;
}

/** Plain words for a row's error code; the step's general sentence for a code without words of its own. */
export function errorWords(kind: string, code: string | null | undefined, t: Lookup): string {
  if (!code) return '';
  const group = errorGroup(kind);
  if (!group) return t('historyErrors.other');
  // Only a code can name a catalogue entry: the failure report's name is any text a page sent (no dots or spaces).
  if (/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(code)) {
    const key = `historyErrors.${group}.${code}`;
    const text = t(key);
    if (text !== key) return text;
  }
  return t(`historyErrors.${group}.other`);
}
