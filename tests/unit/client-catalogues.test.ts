import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/en.json' with { type: 'json' };
import ja from '../../client/src/i18n/ja.json' with { type: 'json' };
import askEn from '../../client/src/i18n/support-ask.en.json' with { type: 'json' };
import askJa from '../../client/src/i18n/support-ask.ja.json' with { type: 'json' };
import labEn from '../../client/src/i18n/lab.en.json' with { type: 'json' };
import labJa from '../../client/src/i18n/lab.ja.json' with { type: 'json' };
import historyErrorsEn from '../../client/src/i18n/history-errors.en.json' with { type: 'json' };
import historyErrorsJa from '../../client/src/i18n/history-errors.ja.json' with { type: 'json' };

// A page downloads only its own language's catalogue (no English fallback in the browser), so both must hold every key
// and every {{placeholder}} the other has.
function entries(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string')
    return [
      [
        prefix,
        [...tree.matchAll(/{{\s*(\w+)\s*}}/g)]
          .map((match) => match[1])
          .sort()
          .join(','),
      ],
    ];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    entries(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('client catalogues', () => {
  it('have the same keys and placeholders in Japanese and English', () => {
    expect(new Map(entries(ja))).toEqual(new Map(entries(en)));
  });

  it('so do the strings the account page loads only when support asked for a passkey on this PC', () => {
    expect(new Map(entries(askJa))).toEqual(new Map(entries(askEn)));
  });

  it("so do the lab page's own strings, loaded by that page only", () => {
    expect(new Map(entries(labJa))).toEqual(new Map(entries(labEn)));
  });

  it("so do the history page's words for what went wrong, loaded by that page only", () => {
    expect(new Map(entries(historyErrorsJa))).toEqual(new Map(entries(historyErrorsEn)));
  });
});
