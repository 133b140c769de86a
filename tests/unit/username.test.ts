import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUsername, usernameSkeleton } from '../../db/usernames.js';
import { ALICE_LOOK_ALIKES } from '../support/look-alikes.js';

const problem = (raw: string) => {
  const result = canonicalUsername(raw);
  return result.ok ? result.username : result.problem;
};

describe('canonicalUsername', () => {
  it('folds the look-alikes of "alice" into "alice" or refuses them: none is another name', () => {
    expect(ALICE_LOOK_ALIKES.map(problem)).toEqual([
      'alice',
      'alice',
      'alice',
      'alice',
      'alice',
      'alice',
      'alice',
      'invisible',
      'mixed_scripts',
      'invisible',
      'combining_marks',
    ]);
  });

  it('refuses control, format and default-ignorable characters', () => {
    for (const raw of [
      'a\u200db',
      'a\u200cb',
      '\ufeffab',
      'a\u2066b',
      'a\u3164b',
      'ab\ufe0f',
      'a\u034fb',
      'a\u0007b',
      'a\u2028b',
      'a\ue000b',
    ]) {
      expect(problem(raw), JSON.stringify(raw)).toBe('invisible');
    }
  });

  it('keeps Japanese names, alone or with Latin letters and digits (UTS #39 "Highly Restrictive")', () => {
    expect(problem('たろう')).toBe('たろう');
    expect(problem('山田taro')).toBe('山田taro');
    expect(problem('ヤマダ・タロウ')).toBe('ヤマダ・タロウ');
    expect(problem('がっこう')).toBe('がっこう');
    expect(problem('か\u3099')).toBe('が'); // a loose voiced mark on kana composes
    expect(problem('ｶﾀｶﾅ')).toBe('カタカナ'); // halfwidth katakana
    expect(problem('Ｔａｒｏ\u3000')).toBe('taro'); // fullwidth with an ideographic space
    expect(problem('太郎2024')).toBe('太郎2024');
    expect(problem('김철수')).toBe('김철수');
    expect(problem('ทดสอบ')).toBe('ทดสอบ');
    expect(problem('taro.personal@gmail.example')).toBe('taro.personal@gmail.example');
  });

  it('refuses spoofing mixes of scripts and rare scripts', () => {
    expect(problem('pаypal')).toBe('mixed_scripts'); // Cyrillic а
    expect(problem('αlice')).toBe('mixed_scripts'); // Greek α
    expect(problem('たろうпривет')).toBe('mixed_scripts');
    expect(problem('ᎪᏞᏆᏟᎬ')).toBe('unusual_script'); // Cherokee look-alike of ALICE
  });

  it('refuses Latin small capitals, which read as ordinary letters but are in no confusables table', () => {
    expect(problem('ʀio')).toBe('phonetic_letters'); // U+0280 beside "rio"
    expect(problem('ᴀaa')).toBe('phonetic_letters'); // U+1D00 beside "aaa"
    expect(problem('ʙcd')).toBe('phonetic_letters'); // U+0299
    expect(problem('ꜱato')).toBe('phonetic_letters'); // U+A731
    expect(problem('əliyev')).toBe('əliyev'); // schwa is a real letter (Azerbaijani), not a small capital
  });

  it('refuses combining-mark abuse but keeps precomposed letters', () => {
    expect(problem('e\u0301')).toBe('é'); // composes under NFC
    expect(problem('e\u0301\u0301')).toBe('combining_marks');
    expect(problem('\u0301abc')).toBe('combining_marks');
    expect(problem('a\u0336b')).toBe('combining_marks'); // strike-through overlay
    expect(problem('ab1\u0336')).toBe('combining_marks'); // on a digit
    expect(problem('ทดสอบ\u0e34')).toBe('ทดสอบ\u0e34'); // Thai writes vowels as marks
  });

  it('takes a Turkish capital İ as I, not as i with a loose dot the person never typed', () => {
    expect(problem('İlker')).toBe('ilker');
    expect(problem('ŞAHİN')).toBe('şahin');
    expect(problem('ışık')).toBe('ışık'.toUpperCase().toLowerCase());
    expect(problem('ali\u0307ce')).toBe('combining_marks'); // a dot typed on an i is still a loose mark
  });

  it('refuses a name without a letter or digit (".", ".." cannot even be a URL path segment)', () => {
    for (const raw of ['.', '..', '._-', "'", '・・']) expect(problem(raw), raw).toBe('no_letters');
    expect(problem('a.')).toBe('a.');
    expect(problem('１')).toBe('1');
  });

  it('collapses and trims white space, case-folds fully, and bounds the length', () => {
    expect(problem('  Taro   Yamada ')).toBe('taro yamada');
    expect(problem('Straße')).toBe('strasse');
    expect(problem('STRAẞE')).toBe('strasse'); // capital sharp s folds in two steps
    expect(problem('\u00a0\u3000')).toBe('empty');
    expect(problem('x'.repeat(65))).toBe('too_long');
    expect(problem('a/b')).toBe('symbols');
    expect(problem('😀')).toBe('symbols');
  });

  it('gives whole-script look-alikes the same skeleton', () => {
    const cyrillic = canonicalUsername('асе'); // all Cyrillic: а, с, е
    expect(cyrillic.ok).toBe(true);
    expect(cyrillic.ok && cyrillic.skeleton).toBe(usernameSkeleton('ace'));
    expect(usernameSkeleton('rn')).toBe(usernameSkeleton('m'));
    expect(usernameSkeleton('たろう')).not.toBe(usernameSkeleton('だろう'));
    // The table maps 〇 (U+3007) and 0 to a capital O; stored names are lower case, so skeletons are too.
    expect(canonicalUsername('b\u3007b')).toMatchObject({ ok: true, skeleton: usernameSkeleton('bob') });
    expect(usernameSkeleton('b0b')).toBe(usernameSkeleton('bob'));
    expect(usernameSkeleton('b\u3007b')).toBe(usernameSkeleton('b\u3007b').toLowerCase());
  });
});

describe('canonicalUsername, for any input', () => {
  // Names from every plane, with the characters attackers reach for mixed in.
  const tricky = fc.constantFrom(
    '\u200b',
    '\u202e',
    '\u00a0',
    '\u3000',
    '\u0301',
    '\u0307',
    '\u3099',
    'İ',
    'ß',
    'ς',
    'ﬀ',
    'ｱ',
    'а',
    'Α',
    '山',
    'た',
  );
  const noise = fc.array(
    fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }), tricky),
    { maxLength: 12 },
  );
  // Plausible names, with the characters whose folding is subtle (compatibility forms, case pairs, marks).
  const letters = fc.constantFrom(
    'a',
    'Z',
    '0',
    '９',
    ' ',
    '.',
    '-',
    'ß',
    'ẞ',
    'İ',
    'ı',
    'ς',
    'Σ',
    'ǅ',
    'ﬃ',
    'K',
    'Ω',
    'Å',
    'é',
    'e\u0301',
    'ｶﾞ',
    'が',
    'ー',
    '・',
    '山',
    '㍿',
    'ｱ',
    'ㇷ゚',
    'ŉ',
    'ǰ',
    'ΐ',
  );
  const names = fc.oneof(noise, fc.array(letters, { minLength: 1, maxLength: 12 })).map((parts) => parts.join(''));

  it('never throws, and an accepted name is a fixed point (canonical twice is canonical once)', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const once = canonicalUsername(raw);
        if (!once.ok) return;
        const twice = canonicalUsername(once.username);
        expect(twice).toEqual(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a plain ASCII name the quick way with the same answer as its fullwidth spelling takes the full way', () => {
    // NFKC turns fullwidth ！…～ into ASCII and the ideographic space into a space, so both spellings are one name;
    // the ASCII one skips the Unicode steps (db/usernames.ts, PLAIN_ASCII). Lengths run past the limit of 64.
    const fullwidth = (raw: string) =>
      raw.replace(/[!-~ ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09._@'- -!#~`\t".split('')), maxLength: 70 });
    const plain = fc
      .array(fc.string({ unit: fc.constantFrom(..."abcXYZ0189._@'-".split('')), minLength: 1, maxLength: 12 }), {
        minLength: 1,
        maxLength: 8,
      })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(ascii, plain), (raw) => {
        expect(canonicalUsername(raw)).toEqual(canonicalUsername(fullwidth(raw)));
      }),
      { numRuns: 3000 },
    );
    expect(canonicalUsername('Cpu-7')).toEqual({ ok: true, username: 'cpu-7', skeleton: usernameSkeleton('cpu-7') });
  });
});
