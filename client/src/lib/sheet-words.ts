// The sheet the lab predicted for a login, in the words the support console uses for it ("What they see",
// support.say.<kind>.see in client/src/i18n/support/say.*.json), so a customer and staff read the same sentence.
// Pure: the caller passes its catalogue lookup, so tests/unit/sheet-words.test.ts runs it on the real catalogues.

/** The catalogue's text for a key, or the key itself when it has none (client/src/lib/i18n.ts's `t`). */
export type Lookup = (key: string) => string;

/** The stored prediction is free-form JSON: a screen kind, or a prediction with its screen. '' when there is none. */
export function predictedKind(prediction: unknown): string {
  const stored = prediction as { kind?: unknown; screen?: { kind?: unknown } } | null | undefined;
  const kind = stored?.kind ?? stored?.screen?.kind;
  // Only a sheet code can name a catalogue entry (no dots or other key syntax from stored JSON).
  return typeof kind === 'string' && /^[a-z0-9-]{1,64}$/.test(kind) ? kind : '';
}

/** Plain words for the predicted sheet; a general sentence for a sheet the catalogue lacks, never its code. */
export function sheetWords(prediction: unknown, t: Lookup): string {
  if (prediction === null || prediction === undefined) return '';
  const key = `support.say.${predictedKind(prediction) || 'other'}.see`;
  const text = t(key);
  return text === key ? t('support.say.other.see') : text;
}
