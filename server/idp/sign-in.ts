import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { normaliseEmail, type DemoIdentity } from './accounts.js';
import type { GuessLimits } from './guess-limits.js';
import { knownAccounts } from './known-browser.js';
import { fill, type IdpStrings } from './strings.js';

export type SignInRefusal = { ok: false; reason: 'credentials' | 'source-limit' | 'account-wait'; retryAfterSeconds?: number };
export type SignInResult = { ok: true; account: DemoIdentity } | SignInRefusal;

const same = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * One password sign-in at a mock provider, behind its guess limits (guess-limits.ts). The limit is asked first and
 * keyed by the typed e-mail, so an unknown name and a real one answer alike. `extra` is a further secret the sign-in
 * needs (the phone's SMS code); a wrong one counts as a failed guess too.
 */
export function passwordSignIn(options: {
  request: FastifyRequest;
  limits: GuessLimits;
  accounts: DemoIdentity[];
  /** The provider's known-browser cookie; without one, every browser counts as unknown. */
  knownCookie?: string;
  email: unknown;
  password: unknown;
  extra?: (account: DemoIdentity) => boolean;
}): SignInResult {
  const email = normaliseEmail(options.email);
  const account = options.accounts.find((candidate) => candidate.email === email);
  const known = account && options.knownCookie ? knownAccounts(options.request, options.knownCookie).includes(account.sub) : false;
  const source = options.request.ip;
  const verdict = options.limits.check(source, email, known);
  if (!verdict.allowed) return { ok: false, reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds };
  if (!account || !same(String(options.password ?? ''), account.password) || (options.extra && !options.extra(account))) {
    options.limits.failed(source, email, known);
    return { ok: false, reason: 'credentials' };
  }
  options.limits.succeeded(email, known);
  return { ok: true, account };
}

export const sameSecret = same;

/** The text of a refused sign-in, from the `error` and `retry` the refusing POST put in the redirect. */
export function refusalText(strings: IdpStrings, reason: string | undefined, retry: string | undefined, wrong: string): string | undefined {
  const seconds = Math.max(1, Number.parseInt(retry ?? '', 10) || 1);
  if (reason === 'source-limit') return fill(strings.sourceLimit, { minutes: Math.ceil(seconds / 60) });
  if (reason === 'account-wait') return fill(strings.accountWait, { seconds });
  return reason ? wrong : undefined;
}

/** Where a refused POST sends the browser back to. */
export const refusalQuery = (refusal: SignInRefusal) =>
  `error=${refusal.reason}${refusal.retryAfterSeconds ? `&retry=${refusal.retryAfterSeconds}` : ''}`;
