import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../server/dialogs/strings/en.js';
import { ja } from '../../server/dialogs/strings/ja.js';
import { phoneStrings } from '../../server/phone/strings.js';

// What staff read out (client/src/i18n/support/say.*.json) and the /phone page name buttons of the browser's and
// the system's sheets. Every button or option named in quotes must be one the predictor's catalogue shows (the exact
// UI strings of server/dialogs/strings), or the start of one: a customer looks for those very words.

/** Every string in a nested catalogue. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const QUOTES = { ja: /「([^」]+)」/g, en: /["“]([^"”]+)["”]/g } as const;

function quotedLabels(lang: 'ja' | 'en', texts: string[]): string[] {
  // Quotes around a placeholder or a command are not labels.
  return texts
    .flatMap((text) => [...text.matchAll(QUOTES[lang])].map((match) => match[1]!))
    .filter((label) => !/[{}]|^npm /.test(label));
}

describe('labels quoted to customers are the sheets’ own', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(lang, () => {
      const sheetText = strings(lang === 'ja' ? ja : en);
      const say = JSON.parse(readFileSync(`client/src/i18n/support/say.${lang}.json`, 'utf8')) as unknown;
      const quoted = quotedLabels(lang, [...strings(say), ...strings(phoneStrings[lang])]);
      expect(quoted.length).toBeGreaterThan(0);
      const unknown = quoted.filter((label) => !sheetText.some((text) => text.includes(label)));
      expect(unknown).toEqual([]);
    });
  }
});
