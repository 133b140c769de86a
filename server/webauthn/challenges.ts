import type { ChallengeRepository, CeremonyKind, PendingChallenge } from '../../db/challenges.js';
import type { Repositories } from '../../db/index.js';
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
 * Consumes the challenge: single use (deleted whatever happens next), taken only by the browser that asked for it
 * (in the same statement: a stranger's attempt leaves it in place), for the right ceremony, and not expired.
 */
export function consumeChallenge(
  challenges: ChallengeRepository,
  challenge: string,
  binding: string,
  ceremony: CeremonyKind,
  now = Date.now(),
): PendingChallenge {
  return checkChallenge(challenges, challenge, challenges.take(challenge, binding), ceremony, now);
}

/** The checks of consumeChallenge, for a challenge already taken with its binding (in a caller's transaction). */
export function checkChallenge(
  challenges: ChallengeRepository,
  challenge: string,
  pending: PendingChallenge | undefined,
  ceremony: CeremonyKind,
  now = Date.now(),
): PendingChallenge {
  if (!pending) {
    if (challenges.isPending(challenge)) {
      throw new ApiError(403, 'challenge_session_mismatch', 'This challenge was issued to a different session. Ask for new options in this browser.');
    }
    throw badRequest('unknown_challenge', 'This response answers a challenge the server does not have: it was already used, never issued, or has been cleaned up. Ask for new options.');
  }
  if (pending.ceremony !== ceremony) {
    throw badRequest('wrong_ceremony', `This challenge was issued for ${pending.ceremony}, not ${ceremony}.`);
  }
  if (pending.expiresAt < now) {
    throw badRequest('challenge_expired', 'The challenge has expired (they last 5 minutes). Ask for new options.');
  }
  return pending;
}

/**
 * Stores the challenge of options about to be sent; the caller's log entry (inSameCommit) lands in the same commit.
 * Returns what was issued, for the caller to send.
 */
export function issueChallenge<T extends { options: { challenge: string }; accountId: number | null }>(
  repos: Repositories,
  issued: T,
  pending: { binding: string; ceremony: CeremonyKind; context: Record<string, unknown>; expiresAt: number },
  inSameCommit?: (issued: T) => void,
): T {
  repos.transaction(() => {
    repos.challenges.save({ challenge: issued.options.challenge, accountId: issued.accountId, ...pending });
    inSameCommit?.(issued);
  });
  return issued;
}
