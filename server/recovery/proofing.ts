import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { RECOVERY_HOLD_MS } from '../plugins/assurance.js';
import type { OwnerChannel } from './owner-channel.js';

export const CODE_TTL_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 5;
/** Codes sent to one owner per hour, whoever asks: a stranger cannot flood the owner's channel. */
const MAX_CODES_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

export interface ProofingDeps {
  repos: Repositories;
  channel: OwnerChannel;
  /** Keys the HMAC codes are stored as: a database copy alone does not give the 10^8 codes away. */
  codeKey: string;
  now?: () => number;
}

/** One refusal for every failure (wrong, expired, used, burnt, other browser, unknown name), so none reveals more. */
export const invalidCode = () =>
  new ApiError(
    400,
    'proofing_code_invalid',
    'This code is wrong, has expired, was already used, or was asked for in another browser. Ask for a new code.',
  );

const codeHmac = (key: string, accountId: number, code: string) =>
  createHmac('sha256', key).update(`${accountId}:${code}`).digest('base64url');

/**
 * Asks for an identity-proofing code for a username; call it inside the request's transaction, and deliver the code
 * (if any) after. The caller's reply says nothing either way (unknown names, the hourly cap reached).
 */
export function issueCode(
  deps: ProofingDeps,
  username: string,
  binding: string,
): { account: { id: number; username: string }; code: string } | undefined {
  const now = deps.now?.() ?? Date.now();
  const { repos } = deps;
  const account = repos.accounts.findByUsername(username);
  if (!account) return undefined;
  if (repos.recovery.countIssuedSince(account.id, now - HOUR_MS) >= MAX_CODES_PER_HOUR) return undefined;
  const code = randomInt(0, 100_000_000).toString().padStart(8, '0');
  repos.recovery.issue(account.id, binding, codeHmac(deps.codeKey, account.id, code), now, now + CODE_TTL_MS);
  return { account, code };
}

/** Sends a code to the owner's other channel only. */
export function deliverCode(deps: ProofingDeps, username: string, code: string) {
  const now = deps.now?.() ?? Date.now();
  deps.channel.deliver({ username, code, expiresAt: now + CODE_TTL_MS });
}

/**
 * Checks a code entered in the browser that asked for it; call it inside the request's transaction. A wrong code
 * counts as one of the code's five tries (so the caller commits, then refuses with invalidCode); the right one
 * completes the proofing: every code of the account is spent and the recovery time is kept.
 */
export function checkCode(
  deps: ProofingDeps,
  username: string,
  code: string,
  binding: string | undefined,
): { id: number; username: string } | undefined {
  const now = deps.now?.() ?? Date.now();
  const { repos } = deps;
  const account = repos.accounts.findByUsername(username);
  if (!account || binding === undefined) return undefined;
  const pending = repos.recovery.pending(account.id, binding, now, MAX_ATTEMPTS);
  if (!pending) return undefined;
  const expected = Buffer.from(pending.codeHmac);
  const given = Buffer.from(codeHmac(deps.codeKey, account.id, code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    repos.recovery.recordFailedAttempt(pending.id);
    return undefined;
  }
  repos.recovery.completeRecovery(account.id, now, now + RECOVERY_HOLD_MS);
  return { id: account.id, username: account.username };
}

/** The key codes are stored under, derived from the session secret so no new secret has to be kept. */
export const proofingCodeKey = (sessionSecret: string) =>
  createHmac('sha256', sessionSecret).update('identity-proofing-code').digest('base64url');
