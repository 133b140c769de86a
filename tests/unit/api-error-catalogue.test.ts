import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/en.json' with { type: 'json' };
import ja from '../../client/src/i18n/ja.json' with { type: 'json' };

// The customer pages put a refusal in words through apiErrors.<code> (client/src/lib/errors.ts). A code without an
// entry shows the server's English sentence on an English page and only a general sentence with the code on a Japanese
// one, so every code the server can send must have an entry in both catalogues. The codes are read from the server's
// source: a new refusal without words fails here.

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const serverFiles = (readdirSync(join(root, 'server'), { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join('server', file));

// Refusals only staff meet, on the support console and staff sign-in (client/src/lib/support-i18n.ts and
// client/src/pages/staff.ts put them in the console's own catalogue, client/src/i18n/support/), and a download no page
// script reads (the CA certificate a phone fetches by link).
const NOT_ON_CUSTOMER_PAGES: Record<string, string> = {
  staff_only: 'support console routes',
  account_not_found: 'support console look-up',
  check_code_not_found: 'support console look-up by check code',
  fix_not_available: 'support console "Apply"',
  invite_not_valid: 'staff sign-in with an invitation',
  not_a_staff_passkey: 'staff sign-in',
  no_local_ca: 'GET /phone/ca.crt, a file download',
};

// Codes Fastify's own errors get from server/plugins/errors.ts's codeFor() default (its lower-cased FST_ERR_ code)
// that a page can cause: a credential ID in the URL longer than the router takes.
const FASTIFY_DEFAULTS = ['max_param_length'];

function serverCodes(): { codes: Set<string>; dynamic: string[] } {
  const codes = new Set<string>(FASTIFY_DEFAULTS);
  const dynamic: string[] = [];
  for (const file of serverFiles) {
    const source = read(file);
    for (const match of source.matchAll(/new ApiError\(\s*[\w.]+\s*,\s*([^,]+),/g)) {
      const literal = /^'([a-z0-9_]+)'$/.exec(match[1]!.trim());
      if (literal) codes.add(literal[1]!);
      else dynamic.push(`${file}: ${match[1]!.trim()}`);
    }
    for (const match of source.matchAll(/badRequest\(\s*'([a-z0-9_]+)'/g)) codes.add(match[1]!);
  }
  // plugins/errors.ts: schema failures, unknown URLs, server faults and the codes it names for Fastify's errors.
  const errors = read('server/plugins/errors.ts');
  for (const match of errors.matchAll(/errorBody\(\s*'([a-z0-9_]+)'/g)) codes.add(match[1]!);
  const codeFor = /function codeFor[\s\S]*?\n}/.exec(errors)![0];
  for (const match of codeFor.matchAll(/return '([a-z0-9_]+)'/g)) codes.add(match[1]!);
  // plugins/username.ts: `username_${problem}` for each problem db/usernames.ts returns.
  for (const match of read('db/usernames.ts').matchAll(/problem: '([a-z0-9_]+)'/g)) codes.add(`username_${match[1]}`);
  return { codes, dynamic: dynamic.sort() };
}

describe('API refusal codes and the customer pages’ catalogues', () => {
  const { codes, dynamic } = serverCodes();

  it('every code is a literal the scan reads, or one of the two built at run time that it expands', () => {
    // badRequest() itself, and plugins/username.ts's username_<problem> (expanded above). A new code built at run time
    // would escape the scan: expand it above and name it here.
    expect(dynamic).toEqual(['server/errors.ts: code', 'server/plugins/username.ts: `username_${result.problem}`']);
  });

  it('the scan finds the codes it should (it reads the source the way the server is written)', () => {
    for (const code of ['credential_not_found', 'username_invisible', 'internal_error', 'body_too_large', 'not_found'])
      expect(codes).toContain(code);
    expect(codes.size).toBeGreaterThan(50);
  });

  it('every code a customer page can show has words in Japanese and English', () => {
    const shown = [...codes].filter((code) => !(code in NOT_ON_CUSTOMER_PAGES)).sort();
    const has = (table: Record<string, string>) => (code: string) => Object.hasOwn(table, code);
    expect({
      ja: shown.filter((code) => !has(ja.apiErrors)(code)),
      en: shown.filter((code) => !has(en.apiErrors)(code)),
    }).toEqual({ ja: [], en: [] });
  });

  it('the exclusions are codes the server still sends', () => {
    expect(Object.keys(NOT_ON_CUSTOMER_PAGES).filter((code) => !codes.has(code))).toEqual([]);
  });
});
