import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { normaliseEmail, type DemoIdentity } from './accounts.js';
import type { GuessLimits } from './guess-limits.js';
import { knownAccounts } from './known-browser.js';
import { interpolate } from '../i18n.js';
import type { IdpStrings } from './strings.js';

export type SignInRefusal = {
  ok: false;
  reason: 'credentials' | 'source-limit' | 'account-wait';
  retryAfterSeconds?: number;
};
export type SignInResult = { ok: true; account: DemoIdentity } | SignInRefusal;

const same = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * One password sign-in at a mock identity provider, behind its guess limits (guess-limits.ts). The limit is asked first and
 * keyed by the typed e-mail, so an unknown name and a real one answer alike. `extra` is a further secret the sign-in
 * needs (the phone's SMS code); a wrong one counts as a failed guess too.
 */
export function passwordSignIn(options: {
  request: FastifyRequest;
  limits: GuessLimits;
  accounts: DemoIdentity[];
  /** The identity provider's known-browser cookie; without one, every browser counts as unknown. */
  knownCookie?: string;
  email: unknown;
  password: unknown;
  extra?: (account: DemoIdentity) => boolean;
}): SignInResult {
  const email = normaliseEmail(options.email);
  const account = options.accounts.find((candidate) => candidate.email === email);
  const known =
    account && options.knownCookie ? knownAccounts(options.request, options.knownCookie).includes(account.sub) : false;
  const source = options.request.ip;
  const verdict = options.limits.check(source, email, known);
  if (!verdict.allowed) return { ok: false, reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds };
  if (
    !account ||
    !same(String(options.password ?? ''), account.password) ||
    (options.extra && !options.extra(account))
  ) {
    options.limits.failed(source, email, known);
    return { ok: false, reason: 'credentials' };
  }
  options.limits.succeeded(email, known);
  return { ok: true, account };
}

export const sameSecret = same;

const REASONS = new Set(['credentials', 'source-limit', 'account-wait', 'not-signed-in']);

/**
 * The refusal a sign-in page shows, from the `error` and `retry` the refusing POST put in the redirect. Only known
 * reasons are shown (query values may be anything, even arrays); `wrong` is the text for a failed check.
 */
export function refusalOf(
  strings: IdpStrings,
  query: { error?: unknown; retry?: unknown },
  wrong: string,
): { reason: string; text: string } | undefined {
  const reason = typeof query.error === 'string' && REASONS.has(query.error) ? query.error : undefined;
  if (!reason) return undefined;
  const seconds = Math.max(1, Number.parseInt(typeof query.retry === 'string' ? query.retry : '', 10) || 1);
  if (reason === 'source-limit')
    return { reason, text: interpolate(strings.sourceLimit, { minutes: Math.ceil(seconds / 60) }) };
  if (reason === 'account-wait') return { reason, text: interpolate(strings.accountWait, { seconds }) };
  if (reason === 'not-signed-in') return { reason, text: strings.notSignedInHere };
  return { reason, text: wrong };
}

/** Where a refused POST sends the browser back to. */
export const refusalQuery = (refusal: SignInRefusal) =>
  `error=${refusal.reason}${refusal.retryAfterSeconds ? `&retry=${refusal.retryAfterSeconds}` : ''}`;
