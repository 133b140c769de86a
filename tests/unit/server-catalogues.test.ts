import { describe, expect, it } from 'vitest';
import { en as dialogsEn } from '../../server/dialogs/strings/en.js';
import { ja as dialogsJa } from '../../server/dialogs/strings/ja.js';
import { linkStrings } from '../../server/fallback/strings.js';
import { idpStrings } from '../../server/idp/strings.js';
import { phoneStrings } from '../../server/phone/strings.js';
import { certStrings } from '../../server/tls/strings.js';

// Every server catalogue: the same keys in Japanese and English, and each text names the same {placeholders} in both,
// so interpolate() (server/i18n.ts) fills the same values whichever language a page is in.

type Tree = { [key: string]: unknown };
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') return out.set(prefix, tree);
  if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree as Tree))
      for (const [path, text] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  }
  return out;
}
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

/** Keys in one language only, and keys whose texts name different placeholders. */
function parityProblems(en: unknown, ja: unknown): string[] {
  const [left, right] = [leaves(en), leaves(ja)];
  const problems = [...left.keys()].filter((key) => !right.has(key)).map((key) => `only in en: ${key}`);
  problems.push(...[...right.keys()].filter((key) => !left.has(key)).map((key) => `only in ja: ${key}`));
  for (const [key, text] of left) {
    const other = right.get(key);
    if (other !== undefined && placeholders(text).join() !== placeholders(other).join())
      problems.push(`placeholders differ: ${key}`);
  }
  return problems;
}

const CATALOGUES = {
  dialogs: [dialogsEn, dialogsJa],
  idp: [idpStrings.en, idpStrings.ja],
  phone: [phoneStrings.en, phoneStrings.ja],
  cert: [certStrings.en, certStrings.ja],
  link: [linkStrings.en, linkStrings.ja],
} as const;

describe('server catalogues', () => {
  it.each(Object.entries(CATALOGUES))('%s: same keys and placeholders in Japanese and English', (_name, [en, ja]) => {
    expect(parityProblems(en, ja)).toEqual([]);
  });

  it('the check fails on a missing key or a renamed placeholder', () => {
    expect(parityProblems({ a: { b: 'x' }, c: 'y' }, { a: { b: 'x' } })).toEqual(['only in en: c']);
    expect(parityProblems({ a: 'Hi {name}' }, { a: '{user} さん' })).toEqual(['placeholders differ: a']);
  });
});
