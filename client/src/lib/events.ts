import { t } from './i18n.js';

/** A history step in plain words (catalogue keys use _ for the code's dots); an unknown one by its code. */
export function eventWords(kind: string): string {
  const key = `history.events.${kind.replaceAll('.', '_')}`;
  return t(key) === key ? kind : t(key);
}
