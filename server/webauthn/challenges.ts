import type { CeremonyKind, PendingChallenge } from '../../db/challenges.js';
import { ApiError, badRequest } from '../errors.js';

/** What the browser says it signed over (clientDataJSON), read once and trusted for nothing but the challenge yet. */
export interface ClientData {
  challenge: string;
  type: unknown;
  origin: unknown;
}

/** Reads clientDataJSON; a verify route takes its challenge with it, and the login checks the rest (checkClaims). */
export function readClientData(clientDataJSON: string): ClientData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('malformed_client_data', 'response.clientDataJSON is not base64url-encoded JSON.');
  }
  const { challenge, type, origin } = (parsed ?? {}) as { challenge?: unknown; type?: unknown; origin?: unknown };
  if (typeof challenge !== 'string' || challenge.length === 0) {
    throw badRequest('malformed_client_data', 'response.clientDataJSON has no challenge.');
  }
  return { challenge, type, origin };
}

/** Reads the challenge the browser signed over, without trusting anything else in clientDataJSON yet. */
export const challengeFromClientData = (clientDataJSON: string): string => readClientData(clientDataJSON).challenge;

/** What a verify route's transaction found when it took the browser's challenge. */
export interface TakenChallenge {
  /** The challenge, removed: issued to this browser binding and now never usable again. */
  pending: PendingChallenge | undefined;
  /** Not taken, yet still pending: it was issued to another browser, whose binding did not match, and is left to it. */
  issuedToAnotherBrowser: boolean;
}

/**
 * Checks the challenge the route has just taken (deleted) with this browser's binding: it must have been found, be
 * for this ceremony and not be expired.
 */
export function checkChallenge(
  { pending, issuedToAnotherBrowser }: TakenChallenge,
  ceremony: CeremonyKind,
  ttlMs: number,
  now = Date.now(),
): PendingChallenge {
  if (!pending) {
    if (issuedToAnotherBrowser) {
      throw new ApiError(
        403,
        'challenge_session_mismatch',
        'This challenge was issued to a different session. Ask for new options in this browser.',
      );
    }
    throw badRequest(
      'unknown_challenge',
      'This response answers a challenge the server does not have: it was already used, never issued, or has been cleaned up. Ask for new options.',
    );
  }
  if (pending.ceremony !== ceremony) {
    throw badRequest('wrong_ceremony', `This challenge was issued for ${pending.ceremony}, not ${ceremony}.`);
  }
  if (pending.expiresAt < now) {
    const minutes = Math.round(ttlMs / 60_000);
    throw badRequest(
      'challenge_expired',
      `The challenge has expired (they last ${minutes} minutes). Ask for new options.`,
    );
  }
  return pending;
}
