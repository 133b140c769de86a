import { createHash, randomInt } from 'node:crypto';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { deviceFromCheck, type CheckFacts } from './check-facts.js';
import type { CheckCodeReply } from './schemas.js';

// The codes of the customer self-check: /check makes one when the customer sends the facts (check-routes.ts), staff
// type it in the console (routes.ts). Only the hash is stored.

export const CHECK_CODE_TTL_MS = 24 * 60 * 60 * 1000;
// Crockford's base32 without I, L, O, U: easy to read out on the phone. 12 characters = 60 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The code as typed, read the Crockford way: case, spaces and dashes do not matter, O is 0, I and L are 1. */
export const normalCheckCode = (code: string) =>
  code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replaceAll('O', '0')
    .replace(/[IL]/g, '1');
export const hashCheckCode = (code: string) => createHash('sha256').update(normalCheckCode(code), 'utf8').digest('hex');
/** A new code, grouped by four for reading aloud: XXXX-XXXX-XXXX. */
export const newCheckCode = () =>
  Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)])
    .join('')
    .replace(/(.{4})(?!$)/g, '$1-');

/** For the console: a code's facts (audited by the caller), or 404. */
export function findCheckCode(repos: Repositories, code: string): CheckCodeReply {
  const found = repos.checkCodes.find(hashCheckCode(code));
  if (!found)
    throw new ApiError(404, 'check_code_not_found', 'No self-check has this code, or it is older than 24 hours.');
  // Stored only once CheckSendBody had validated it (POST /api/check/codes).
  const facts = found.facts as CheckFacts;
  const device = deviceFromCheck(facts);
  // typedUsername: a claim anyone could make (a stranger can file facts under "taro"); signedInAs: the account the
  // sending browser was signed in to. The console links the code to an account only through the latter.
  return {
    typedUsername: found.username,
    signedInAs: found.signedInAs,
    createdAt: found.createdAt,
    expiresAt: found.expiresAt,
    facts,
    device: device.client,
    matrixDevice: device.matrixDevice,
  };
}
