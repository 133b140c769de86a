import unhomoglyph from 'unhomoglyph';

/**
 * The one place a typed username becomes the name an account is stored and found under. Every path that takes a
 * username (sign-up, username-first login, the story seed, the migration of old rows) goes through
 * `canonicalUsername`, so two spellings that read the same can never be two accounts. Pure: no I/O.
 *
 * Steps (docs/security.md, "Accounts and usernames"):
 * 1. NFKC (fullwidth ａｌｉｃｅ → alice, ligatures, compatibility forms), trim (incl. NBSP and the ideographic space),
 *    runs of inner white space → one space, case-fold (upper then lower: ß → ss, final sigma), NFKC again; repeated until nothing changes.
 * 2. Refuse what a reader cannot see: controls, format characters (zero-width space/joiner, RTL override, BOM),
 *    default-ignorable code points (Hangul filler, variation selectors, CGJ), private-use and unassigned ones.
 * 3. Refuse combining-mark abuse: a mark left over after NFC on a Latin, Greek or Cyrillic letter (those have
 *    precomposed letters, so a loose mark only disguises: "ali̇ce"), a mark on a digit or symbol or with no base,
 *    stacks of more than two.
 * 4. Refuse mixed scripts that spoof, with Unicode's "Highly Restrictive" level (UTS #39 §5.2): one script, or Latin
 *    with Han + Hiragana + Katakana (Japanese: 山田taro, たろう2024), Latin + Han + Bopomofo, or Latin + Han + Hangul.
 *    Latin + Cyrillic ("аlice" with a Cyrillic а) or Latin + Greek is refused. Only scripts in common modern use.
 * 5. Symbols: letters, digits, marks, one inner space and `. _ - @ ' ・` only (e-mail-like names keep working).
 * The skeleton (UTS #39 §4, Unicode's confusables table via `unhomoglyph`) catches whole-script look-alikes
 * (all-Cyrillic "асе" for "ace") at sign-up: a new name whose skeleton matches an existing account's is refused.
 */

export type UsernameProblem =
  | 'empty'
  | 'too_long'
  | 'invisible'
  | 'combining_marks'
  | 'mixed_scripts'
  | 'unusual_script'
  | 'phonetic_letters'
  | 'symbols'
  | 'no_letters';

export type CanonicalUsername =
  { ok: true; username: string; skeleton: string } | { ok: false; problem: UsernameProblem };

const USERNAME_MAX_LENGTH = 64;

// Scripts in common modern use (UTS #31 Table 4, "Recommended"); any other (Cherokee, Runic, ...) is refused.
const SCRIPTS = [
  'Latn',
  'Grek',
  'Cyrl',
  'Armn',
  'Hebr',
  'Arab',
  'Syrc',
  'Thaa',
  'Deva',
  'Beng',
  'Guru',
  'Gujr',
  'Orya',
  'Taml',
  'Telu',
  'Knda',
  'Mlym',
  'Sinh',
  'Thai',
  'Laoo',
  'Tibt',
  'Mymr',
  'Geor',
  'Hang',
  'Ethi',
  'Khmr',
  'Mong',
  'Hira',
  'Kana',
  'Bopo',
  'Hani',
] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_TESTS = SCRIPTS.map((script) => [script, new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u')] as const);

// UTS #39 §5.2 Highly Restrictive: besides a single script, these combinations are allowed.
const ALLOWED_COMBINATIONS: ReadonlySet<Script>[] = [
  new Set(['Latn', 'Hani', 'Hira', 'Kana']),
  new Set(['Latn', 'Hani', 'Bopo']),
  new Set(['Latn', 'Hani', 'Hang']),
];
const PRECOMPOSED_SCRIPTS: ReadonlySet<Script> = new Set(['Latn', 'Grek', 'Cyrl']);

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const MARK = /^\p{M}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
// Latin small capitals (every "LATIN LETTER SMALL CAPITAL …" in Unicode 14: ʀ, ᴀ, ʙ, ꜱ …): Latin by script, so the
// script rule lets them through, and not in the confusables table, so "ʀio" would sit beside "rio". UTS #39 marks
// them Restricted (technical/phonetic use); no orthography needs them in a username.
const SMALL_CAPITAL =
  /[\u{262}\u{26A}\u{274}\u{276}\u{280}-\u{281}\u{28F}\u{299}\u{29B}-\u{29C}\u{29F}\u{1D00}-\u{1D01}\u{1D03}-\u{1D07}\u{1D0A}-\u{1D10}\u{1D15}\u{1D18}-\u{1D1C}\u{1D20}-\u{1D23}\u{1D7B}\u{1D7E}\u{1DDB}\u{1DDE}-\u{1DDF}\u{1DE1}-\u{1DE2}\u{2C7B}\u{A730}-\u{A731}\u{A776}\u{A7AE}-\u{A7AF}\u{A7FA}\u{AB46}\u{1DF02}\u{1DF04}\u{1DF10}]/u;
const ALLOWED_SYMBOLS = new Set(['.', '_', '-', '@', "'", ' ', '・']);

// A character's scripts take 31 Unicode property tests to find and never change, so each is worked out once.
const scriptCache = new Map<string, Script[]>();
function scriptsOf(char: string): Script[] {
  let scripts = scriptCache.get(char);
  if (scripts === undefined) {
    scripts = SCRIPT_TESTS.filter(([, test]) => test.test(char)).map(([script]) => script);
    scriptCache.set(char, scripts);
  }
  return scripts;
}

// A name in plain ASCII (letters, digits, the allowed symbols, one space between words) comes through every step
// above unchanged but for its case, and passes every check: the usual name skips the Unicode work.
const PLAIN_ASCII = /^[A-Za-z0-9._@'-]+(?: [A-Za-z0-9._@'-]+)*$/;

/** The canonical form of a typed username, or why it is refused. */
export function canonicalUsername(raw: string): CanonicalUsername {
  if (raw.length <= USERNAME_MAX_LENGTH && PLAIN_ASCII.test(raw)) {
    // A name of punctuation only ("." or "..") is no name, and a URL path cannot even carry it.
    if (!/[A-Za-z0-9]/.test(raw)) return { ok: false, problem: 'no_letters' };
    const username = raw.toLowerCase();
    return { ok: true, username, skeleton: usernameSkeleton(username) };
  }
  const folded = fold(raw);
  if (INVISIBLE.test(raw) || INVISIBLE.test(folded)) return { ok: false, problem: 'invisible' };
  const chars = [...folded];
  if (chars.length === 0) return { ok: false, problem: 'empty' };
  if (chars.length > USERNAME_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  if (SMALL_CAPITAL.test(folded)) return { ok: false, problem: 'phonetic_letters' };

  // Per character: the scripts it may belong to (Script_Extensions), or none for digits/symbols shared by all.
  let possible: Set<Script> | undefined;
  let marksInRow = 0;
  let base: Script[] | undefined;
  for (const char of chars) {
    if (MARK.test(char)) {
      marksInRow += 1;
      // A mark needs a letter of a script that writes with marks: not a digit or symbol, not Latin/Greek/Cyrillic.
      if (
        base === undefined ||
        base.length === 0 ||
        marksInRow > 2 ||
        base.some((script) => PRECOMPOSED_SCRIPTS.has(script))
      ) {
        return { ok: false, problem: 'combining_marks' };
      }
      continue;
    }
    marksInRow = 0;
    if (!LETTER_OR_DIGIT.test(char) && !ALLOWED_SYMBOLS.has(char)) return { ok: false, problem: 'symbols' };
    const scripts = scriptsOf(char);
    base = scripts.length > 0 ? scripts : [];
    if (scripts.length === 0) {
      // Common characters (ASCII digits, the allowed punctuation) go with any script; letters of other scripts do not.
      if (/^\p{L}$/u.test(char) || !/^\p{Script=Common}$/u.test(char)) return { ok: false, problem: 'unusual_script' };
      continue;
    }
    possible = possible === undefined ? new Set(scripts) : new Set(scripts.filter((script) => possible!.has(script)));
  }
  if (!chars.some((char) => LETTER_OR_DIGIT.test(char))) return { ok: false, problem: 'no_letters' };
  const singleScript = possible === undefined || possible.size > 0;
  if (!singleScript && !ALLOWED_COMBINATIONS.some((allowed) => coveredBy(chars, allowed))) {
    return { ok: false, problem: 'mixed_scripts' };
  }
  return { ok: true, username: folded, skeleton: usernameSkeleton(folded) };
}

// İ (U+0130) is I before case folding: lower-cased as Unicode does, it leaves a loose dot (i + U+0307) that the
// combining-mark rule would blame on the person ("İlker", "ŞAHİN"). Turkish İ and Latin I then make one name: the
// safe direction for look-alikes.
const foldOnce = (text: string) =>
  text
    .normalize('NFKC')
    .replaceAll('\u0130', 'I')
    .trim()
    .replace(/\s+/gu, ' ')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');

/** Folds until nothing changes: one pass can leave a foldable form (ẞ → ß, which folds to ss next time). */
function fold(raw: string): string {
  let folded = foldOnce(raw);
  for (let pass = 0; pass < 4; pass++) {
    const again = foldOnce(folded);
    if (again === folded) break;
    folded = again;
  }
  return folded;
}

/** Every script-bearing character has at least one of its scripts in the allowed set. */
function coveredBy(chars: string[], allowed: ReadonlySet<Script>): boolean {
  return chars.every((char) => {
    const scripts = scriptsOf(char);
    return scripts.length === 0 || scripts.some((script) => allowed.has(script));
  });
}

/**
 * UTS #39 skeleton of a canonical username: equal skeletons read the same (m ~ rn, l ~ 1 ~ I, Cyrillic а ~ a).
 * The confusables table maps some characters to capitals (U+3007 〇 and the digit 0 to `O`), while names are stored
 * lower case: the skeleton is lower-cased and mapped again, so `b〇b` and `b0b` read as `bob` (migration 009 recomputed
 * the stored skeletons).
 */
export function usernameSkeleton(canonical: string): string {
  const once = unhomoglyph(canonical.normalize('NFD'));
  const lower = once.toLowerCase();
  return (lower === once ? once : unhomoglyph(lower.normalize('NFD'))).normalize('NFD');
}

// unhomoglyph compiles one regular expression of thousands of alternatives on first use: pay it at start-up, not
// inside the first sign-up's transaction.
usernameSkeleton('warm-up');

/** Names the migration gives to accounts it had to rename; nobody may sign up with one. */
export const RENAMED_PREFIX = 'renamed-';
export const isReservedUsername = (canonical: string) => canonical.startsWith(RENAMED_PREFIX);
