import { describe, expect, it } from 'vitest';
import sayEn from '../../client/src/i18n/support/say.en.json' with { type: 'json' };
import sayJa from '../../client/src/i18n/support/say.ja.json' with { type: 'json' };
import { predictedKind, sheetWords } from '../../client/src/lib/sheet-words.js';
import { SCREEN_KINDS } from '../../server/dialogs/types.js';
import { lookupIn } from '../support/catalogue-lookup.js';

// The customer's history names the predicted sheet in the words the support console uses for it, never its code
// (it showed codes such as windows-security-key).

const catalogues = { en: sayEn, ja: sayJa };

describe('the predicted sheet in plain words', () => {
  it('ja: says ログイン as every customer page does, never サインイン outside a quoted label', () => {
    const unquoted = JSON.stringify(sayJa).replace(/「[^」]*」/g, '');
    expect(unquoted).not.toContain('サインイン');
  });

  for (const lang of ['ja', 'en'] as const) {
    const t = lookupIn(catalogues[lang]);
    const say = catalogues[lang].support.say as Record<string, { see: string }>;

    it(`${lang}: every sheet the predictor can show has the console's words, and none is a code`, () => {
      for (const kind of SCREEN_KINDS) {
        for (const stored of [{ kind }, { screen: { kind } }]) {
          const words = sheetWords(stored, t);
          expect(words, kind).toBe(say[kind]!.see);
          expect(
            SCREEN_KINDS.filter((code) => words.includes(code)),
            kind,
          ).toEqual([]);
          if (lang === 'ja') expect(words, kind).toMatch(/[\u3040-\u30ff]/);
        }
      }
    });

    it(`${lang}: a sheet the catalogue does not know gets a general sentence, not its code`, () => {
      for (const stored of [{ kind: 'future-sheet' }, { kind: 'a.b' }, { kind: 42 }, {}, { screen: {} }]) {
        const words = sheetWords(stored, t);
        expect(words).toBe(say.other!.see);
        expect(words).not.toMatch(/future|a\.b|42|support\.say/);
      }
    });

    it(`${lang}: the words suit the customer, who reads them on /history (no "the customer")`, () => {
      for (const kind of SCREEN_KINDS) expect(say[kind]!.see, kind).not.toMatch(/customer|お客さま/i);
    });
  }

  it('leaves the cell empty for a step without a prediction', () => {
    expect(sheetWords(null, lookupIn(sayEn))).toBe('');
    expect(sheetWords(undefined, lookupIn(sayEn))).toBe('');
    expect(predictedKind({ kind: 'windows-hello' })).toBe('windows-hello');
    expect(predictedKind({ screen: { kind: 'chrome-qr' } })).toBe('chrome-qr');
  });
});
