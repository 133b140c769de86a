import type { ChallengeRepository, CeremonyKind, PendingChallenge } from '../../db/challenges.js';
import { ApiError, badRequest } from '../errors.js';

/** Reads the challenge the browser signed over, without trusting anything else in clientDataJSON yet. */
export function challengeFromClientData(clientDataJSON: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('malformed_client_data', 'response.clientDataJSON is not base64url-encoded JSON.');
  }
  const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
  if (typeof challenge !== 'string' || challenge.length === 0) {
    throw badRequest('malformed_client_data', 'response.clientDataJSON has no challenge.');
  }
  return challenge;
}

/**
 * Checks a challenge taken with its browser binding (the take is single use: it was deleted whatever happens next, and
 * a stranger's attempt left it in place): it must exist, be for the right ceremony, and not be expired.
 */
export function checkChallenge(
  challenges: ChallengeRepository,
  challenge: string,
  pending: PendingChallenge | undefined,
  ceremony: CeremonyKind,
  now = Date.now(),
): PendingChallenge {
  if (!pending) {
    if (challenges.isPending(challenge)) {
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
    throw badRequest('challenge_expired', 'The challenge has expired (they last 5 minutes). Ask for new options.');
  }
  return pending;
}
