import { describe, expect, it } from 'vitest';
import consoleEn from '../../client/src/i18n/support/en.json' with { type: 'json' };
import consoleJa from '../../client/src/i18n/support/ja.json' with { type: 'json' };
import refusalEn from '../../client/src/i18n/support/refusal.en.json' with { type: 'json' };
import refusalJa from '../../client/src/i18n/support/refusal.ja.json' with { type: 'json' };
import sayEn from '../../client/src/i18n/support/say.en.json' with { type: 'json' };
import sayJa from '../../client/src/i18n/support/say.ja.json' with { type: 'json' };
import { SCREEN_KINDS } from '../../server/dialogs/types.js';

// The support pages' catalogues: the same keys in both languages, a script for every sheet, and plain words.

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of leaves(value, path)) out.set(inner, text);
  }
  return out;
}

/** A page's support strings as the browser merges them (client/src/lib/support-i18n.ts): the console's, then the words to say. */
function merged(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof value !== 'string' && mine && typeof mine !== 'string' ? merged(mine, value) : value;
  }
  return out;
}
const en = merged(consoleEn as Tree, sayEn as Tree);
const ja = merged(consoleJa as Tree, sayJa as Tree);

/** Keys present in one language only. */
function parityProblems(a: Tree, b: Tree): string[] {
  const [left, right] = [leaves(a), leaves(b)];
  return [
    ...[...left.keys()].filter((key) => !right.has(key)).map((key) => `missing in second: ${key}`),
    ...[...right.keys()].filter((key) => !left.has(key)).map((key) => `missing in first: ${key}`),
  ];
}

const JARGON = /allow ?list|transports|NotAllowedError|mediation/i;
// The one place the terms of art may appear: the glossary's "details for developers".
const DEVELOPER_ONLY = new Set(['support.glossary.developerTerms']);

describe('support catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect(parityProblems(consoleEn as Tree, consoleJa as Tree)).toEqual([]);
    expect(parityProblems(sayEn as Tree, sayJa as Tree)).toEqual([]);
  });

  // The console's words come in the page's language only, the words to say in both: no key may be in both files.
  it('keep the words to say apart from the console words', () => {
    const consoleKeys = leaves(consoleEn as Tree);
    expect([...leaves(sayEn as Tree).keys()].filter((key) => consoleKeys.has(key))).toEqual([]);
    expect(leaves(sayEn as Tree).size).toBeGreaterThan(20);
  });

  // The console page's refusal is plain text from the server (server/support/refusal.ts), so it sits in a catalogue
  // pair of its own that no page downloads.
  it("have the same keys in the refusal page's catalogues, each in its language", () => {
    expect(parityProblems(refusalEn as Tree, refusalJa as Tree)).toEqual([]);
    for (const key of ['support.refusal.staffOnly', 'support.refusal.pageFailed']) {
      expect(leaves(refusalJa as Tree).get(key), key).toMatch(/[\u3040-\u30ff]/);
      expect(leaves(refusalEn as Tree).get(key), key).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('the parity check fails when a key exists in one language only', () => {
    expect(parityProblems({ a: { b: 'x', c: 'y' } }, { a: { b: 'x' } })).toEqual(['missing in second: a.c']);
    expect(parityProblems({ a: 'x' }, { a: 'x', d: { e: 'y' } })).toEqual(['missing in first: d.e']);
  });

  it('give the words to say for every sheet the predictor can show', () => {
    for (const catalogue of [en, ja] as Tree[]) {
      const say = (catalogue.support as Tree).say as Tree;
      for (const kind of SCREEN_KINDS)
        expect(Object.keys(say[kind] as Tree).sort(), kind).toEqual(['press', 'see', 'why']);
    }
  });

  it('keep terms of art out of staff- and customer-facing text', () => {
    for (const catalogue of [en, ja, refusalEn, refusalJa] as Tree[]) {
      for (const [key, text] of leaves(catalogue)) if (!DEVELOPER_ONLY.has(key)) expect(text, key).not.toMatch(JARGON);
    }
  });

  it('Japanese strings are Japanese (not copied English)', () => {
    const english = leaves(en as Tree);
    const same = [...leaves(ja as Tree)].filter(
      ([key, text]) =>
        english.get(key) === text &&
        /[a-z]{4,}/i.test(text) &&
        !/^(Chrome|ChromeOS|Edge|Safari|Firefox|Linux|Bluetooth|Mac|iPhone|USB|Windows \{\{version\}\}|\{\{time\}\}.*)$/.test(
          text,
        ),
    );
    expect(same).toEqual([]);
  });
});
