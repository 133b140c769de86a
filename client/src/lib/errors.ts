import { LabApiError } from './api.js';
import { t } from './i18n.js';

/** Browser and API errors in words a person understands, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof LabApiError) {
    const key = `apiErrors.${error.code}`;
    const text = t(key);
    return text === key ? error.message : text;
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
