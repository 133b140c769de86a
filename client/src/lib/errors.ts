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
 * catalogue has is shown: anyone can send a link with any text in it, and the page must not show that text. The link
 * form's refusals (server/plugins/errors.ts) carry any API code, such as last_sign_in_method for an unlink: those
 * read as the API's words when the fallback section has none of its own.
 */
export function describeErrorCode(code: string | null): string {
  if (code && /^[a-z_]{1,64}$/.test(code)) {
    for (const key of [`fallbackErrors.${code}`, `apiErrors.${code}`]) {
      const text = t(key);
      if (text !== key && !text.includes('{{')) return text;
    }
  }
  return t('fallbackErrors.other');
}
