import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/history-errors.en.json' with { type: 'json' };
import ja from '../../client/src/i18n/history-errors.ja.json' with { type: 'json' };
import { errorGroup, errorWords, type ErrorGroup } from '../../client/src/lib/error-words.js';
import { lookupIn } from '../support/catalogue-lookup.js';

// The customer's history said what went wrong by its raw code (NotAllowedError, verification_failed). Every code the
// server can record in a history row must have a short past-tense sentence in Japanese and English, for the step that
// records it; any other code gets that step's general sentence, never the code. The codes are read from the server's
// source (as tests/unit/api-error-catalogue.test.ts does for apiErrors): a new code without words fails here.

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const sourceFiles = (folder: string) =>
  (readdirSync(join(root, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));

/**
 * Literal refusal codes a file throws: new ApiError(status, 'code', ...), badRequest('code', ...), super(status,
 * 'code').
 */
function thrownCodes(source: string): { codes: string[]; dynamic: string[] } {
  const codes: string[] = [];
  const dynamic: string[] = [];
  for (const match of source.matchAll(/(?:new ApiError|super)\(\s*[\w.]+\s*,\s*([^,]+),/g)) {
    const literal = /^'([a-z0-9_]+)'$/.exec(match[1]!.trim());
    if (literal) codes.push(literal[1]!);
    else dynamic.push(match[1]!.trim());
  }
  for (const match of source.matchAll(/badRequest\(\s*([^,]+),/g)) {
    const literal = /^'([a-z0-9_]+)'$/.exec(match[1]!.trim());
    if (literal) codes.push(literal[1]!);
    else dynamic.push(match[1]!.trim());
  }
  return { codes, dynamic };
}

/** The server's own files a module loads (value imports, static or dynamic), itself included. */
function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = read(file);
    const specifiers = [
      ...[...source.matchAll(/^import\s+(?!type\s)[^;]*?\sfrom\s+'(\.[^']+)'/gm)].map((match) => match[1]!),
      ...[...source.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((match) => match[1]!),
    ];
    for (const specifier of specifiers) {
      const target = relative(root, join(root, dirname(file), specifier.replace(/\.js$/, '.ts')));
      if (existsSync(join(root, target))) visit(target);
    }
  };
  entries.forEach(visit);
  return [...seen].sort();
}

/** Every code a history row can hold, by the words it takes (see client/src/lib/error-words.ts). */
function recordedCodes(): Record<Exclude<ErrorGroup, 'signal'>, Set<string>> & { dynamic: string[] } {
  // authentication.failure: the DOMException names the failure route knows (another name is any page's text).
  const names = /const ERROR_NAMES = new Set\(\[([\s\S]*?)\]\)/.exec(read('server/webauthn/failure-route.ts'))![1]!;
  const browser = new Set([...names.matchAll(/'([A-Za-z]+)'/g)].map((match) => match[1]!));
  // registration.verify / authentication.verify: recordRejection logs any ApiError thrown while verifying, so every
  // refusal in the code those routes load (a few are thrown only when asking, not verifying: words do no harm).
  const refused = new Set<string>();
  const dynamic: string[] = [];
  for (const file of importClosure([
    'server/webauthn/registration-routes.ts',
    'server/webauthn/authentication-routes.ts',
  ])) {
    const found = thrownCodes(read(file));
    found.codes.forEach((code) => refused.add(code));
    dynamic.push(...found.dynamic.map((expression) => `${file}: ${expression}`));
  }
  // fallback.login / identity.link: the callback's outcome codes (code: 'x', or code: cond ? 'x' : 'y').
  const fallback = new Set<string>();
  for (const file of sourceFiles('server/fallback')) {
    for (const match of read(file).matchAll(/\bcode: ([^,\n]+)/g))
      for (const literal of match[1]!.matchAll(/'([a-z0-9_]+)'/g)) fallback.add(literal[1]!);
  }
  return { browser, refused, fallback, dynamic: [...new Set(dynamic)] };
}

const catalogues = { en, ja };
type Group = Record<string, string>;

describe('what went wrong in a history row, in plain words', () => {
  const codes = recordedCodes();
  const everyCode = [...codes.browser, ...codes.refused, ...codes.fallback];

  it('every place that records an error code in the history is one this test reads', () => {
    const recorders = [...sourceFiles('server'), ...sourceFiles('db')].flatMap((file) =>
      [...read(file).matchAll(/\berrorCode: ([^\n]+)/g)]
        .map((match) => `${file}: ${match[1]!.trim()}`)
        // Schemas, the row read back (db/ceremonies.ts) and the support console's copy of it record nothing.
        .filter((line) => !/Type\.|Nullable\(|entry\.errorCode|row\.error_code/.test(line)),
    );
    expect(recorders.sort()).toEqual([
      'server/account/signals.ts: report.error ?? null,',
      'server/fallback/routes.ts: decided.ok ? null : decided.code,',
      "server/webauthn/failure-route.ts: byStranger && !ERROR_NAMES.has(body.name) ? 'UnknownError' : body.name,",
      'server/webauthn/rejections.ts: error.code,',
    ]);
    // ... and the steps they record take the words for their codes.
    const rejections = [...sourceFiles('server')].flatMap((file) =>
      [...read(file).matchAll(/recordRejection\(\s*repos,\s*request,\s*'([\w.]+)'/g)].map((match) => match[1]!),
    );
    expect(rejections.sort()).toEqual(['authentication.verify', 'registration.verify']);
    for (const kind of rejections) expect(errorGroup(kind), kind).toBe('refused');
    expect(read('server/webauthn/failure-route.ts')).toContain("kind: 'authentication.failure'");
    expect(errorGroup('authentication.failure')).toBe('browser');
    expect(read('server/fallback/routes.ts')).toContain(
      "kind: decided.purpose === 'link' ? 'identity.link' : `fallback.login`",
    );
    expect([errorGroup('identity.link'), errorGroup('fallback.login')]).toEqual(['fallback', 'fallback']);
    expect(read('server/account/signals.ts')).toContain('kind: `signal.${report.kind}`');
    for (const kind of ['unknown-credential', 'all-accepted-credentials', 'current-user-details'])
      expect(errorGroup(`signal.${kind}`)).toBe('signal');
  });

  it('the scan finds the codes it should (it reads the source the way the server is written)', () => {
    expect(codes.browser).toContain('NotAllowedError');
    expect(codes.browser.size).toBeGreaterThanOrEqual(10);
    for (const code of ['verification_failed', 'challenge_expired', 'counter_regression', 'credential_exists'])
      expect(codes.refused).toContain(code);
    for (const code of ['invalid_state', 'access_denied', 'provider_error', 'not_linked'])
      expect(codes.fallback).toContain(code);
    // badRequest() itself passes its code on: a new refusal built at run time would escape the scan.
    expect(codes.dynamic).toEqual(['server/errors.ts: code']);
  });

  for (const lang of ['ja', 'en'] as const) {
    const t = lookupIn(catalogues[lang]);
    const table = catalogues[lang].historyErrors as unknown as Record<ErrorGroup, Group> & { other: string };

    it(`${lang}: every code the server can record has its own words, for the step that records it`, () => {
      const missing = (group: 'browser' | 'refused' | 'fallback') =>
        [...codes[group]].filter((code) => !Object.hasOwn(table[group], code)).sort();
      expect({ browser: missing('browser'), refused: missing('refused'), fallback: missing('fallback') }).toEqual({
        browser: [],
        refused: [],
        fallback: [],
      });
      const steps = { browser: 'authentication.failure', refused: 'authentication.verify', fallback: 'fallback.login' };
      for (const group of ['browser', 'refused', 'fallback'] as const)
        for (const code of codes[group]) expect(errorWords(steps[group], code, t), code).toBe(table[group][code]);
      // A signal the browser refused: one sentence, whatever its DOMException name.
      for (const code of codes.browser)
        expect(errorWords('signal.unknown-credential', code, t), code).toBe(table.signal.other);
    });

    it(`${lang}: the words say what happened in plain words: no code, no instruction`, () => {
      const groups = (['browser', 'refused', 'fallback', 'signal'] as const).map((group) => table[group]);
      const sentences = [table.other, ...groups.flatMap((group) => Object.values(group))];
      expect(Object.keys(table).sort()).toEqual(['browser', 'fallback', 'other', 'refused', 'signal']);
      for (const text of sentences) {
        expect(
          everyCode.filter((code) => text.includes(code)),
          text,
        ).toEqual([]);
        // apiErrors ask the person to do something ("Please sign in first."); a history row tells what happened.
        expect(text).not.toMatch(lang === 'en' ? /please|try again/i : /ください/);
        if (lang === 'ja') expect(text).toMatch(/[\u3040-\u30ff]/);
      }
      // No words for a code nothing records (a stale entry would hide a renamed code).
      for (const group of ['browser', 'refused', 'fallback'] as const)
        expect(Object.keys(table[group]).filter((code) => code !== 'other' && !codes[group].has(code))).toEqual([]);
    });

    it(`${lang}: a code without words gets its step's general sentence, never the code`, () => {
      const unknown = [
        'FutureError',
        'made_up_refusal',
        'constructor',
        '__proto__',
        'a.b',
        'Hello <b>there</b>',
        'x'.repeat(64),
      ];
      for (const [kind, group] of [
        ['authentication.failure', 'browser'],
        ['registration.verify', 'refused'],
        ['identity.link', 'fallback'],
        ['signal.current-user-details', 'signal'],
      ] as const) {
        for (const code of unknown) {
          const words = errorWords(kind, code, t);
          expect(words, `${kind} ${code}`).toBe(table[group].other);
          expect(words).not.toContain(code);
        }
      }
      // A step that records no codes of its own (should one start to): the general sentence.
      expect(errorWords('credential.delete', 'verification_failed', t)).toBe(table.other);
      expect(table.other).toBe(lang === 'en' ? 'This step did not complete.' : 'この手順は完了しませんでした。');
    });
  }

  it('leaves the cell empty for a step that went well', () => {
    expect(errorWords('authentication.verify', null, lookupIn(en))).toBe('');
    expect(errorWords('authentication.verify', undefined, lookupIn(en))).toBe('');
    expect(errorWords('authentication.verify', '', lookupIn(en))).toBe('');
  });
});
