import { lang } from './i18n.js';

/** A date and time in the page's language (2026/11/30 3:13 · 30 Nov 2026, 03:13), short enough for a table cell. */
export function formatDate(ms: number | null): string {
  if (!ms) return '—';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(ms),
  );
}
