import { LabApiError } from './api.js';
import { lang, t } from './i18n.js';

/** Browser and API errors in words a person understands, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof LabApiError) {
    const key = `apiErrors.${error.code}`;
    const text = t(key);
    if (text !== key) return text;
    // A code without words of its own: the server's sentence is English, so other languages get a general one.
    return lang === 'en' ? error.message : t('apiErrors.other', { code: error.code });
  }
  const name = (error as { name?: string })?.name ?? 'Error';
  const key = `browserErrors.${name}`;
  const text = t(key);
  if (text !== key) return text;
  return t('browserErrors.other', { name, message: (error as Error)?.message ?? '' });
}

export function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

/**
 * The words for an error code another page put in this page's URL (`?error=`), or a general message. Only a code the
 * catalogue has is shown: anyone can send a link with any text in it, and the page must not show that text.
 */
export function describeErrorCode(code: string | null): string {
  const key = `fallbackErrors.${code}`;
  if (code && /^[a-z_]{1,64}$/.test(code) && t(key) !== key) return t(key);
  return t('fallbackErrors.other');
}
