import { describe, expect, it } from 'vitest';
import type { PendingChallenge } from '../../db/challenges.js';
import { checkChallenge } from '../../server/webauthn/challenges.js';

// The verify routes take the challenge and ask whether another browser holds it in one transaction; what the answer
// means is decided here, without the database.

const TTL = 5 * 60_000;
const NOW = 1_800_000_000_000;
const pending: PendingChallenge = {
  challenge: 'c1',
  binding: 'b1',
  ceremony: 'authentication',
  accountId: 7,
  context: {},
  expiresAt: NOW + 1000,
};
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { statusCode, code } = error as { statusCode: number; code: string };
    return `${statusCode} ${code}`;
  }
  return 'accepted';
};

describe('checkChallenge', () => {
  it('accepts this browser’s challenge, for this ceremony, in time', () => {
    expect(checkChallenge({ pending, issuedToAnotherBrowser: false }, 'authentication', TTL, NOW)).toBe(pending);
  });

  it('tells another browser’s challenge from an unknown one', () => {
    const taken = (issuedToAnotherBrowser: boolean) => ({ pending: undefined, issuedToAnotherBrowser });
    expect(codeOf(() => checkChallenge(taken(true), 'authentication', TTL, NOW))).toBe(
      '403 challenge_session_mismatch',
    );
    expect(codeOf(() => checkChallenge(taken(false), 'authentication', TTL, NOW))).toBe('400 unknown_challenge');
  });

  it('refuses a challenge of the other ceremony, and an expired one', () => {
    const taken = { pending, issuedToAnotherBrowser: false };
    expect(codeOf(() => checkChallenge(taken, 'registration', TTL, NOW))).toBe('400 wrong_ceremony');
    expect(codeOf(() => checkChallenge(taken, 'authentication', TTL, NOW + 1001))).toBe('400 challenge_expired');
    expect(codeOf(() => checkChallenge(taken, 'authentication', TTL, NOW + 1000))).toBe('accepted');
  });
});
