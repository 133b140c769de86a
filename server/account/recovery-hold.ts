import type { FastifyRequest } from 'fastify';
import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import { checkAssurance } from '../plugins/assurance.js';

/**
 * Whether a passkey belongs to the owner from before the recovery that started the running recovery hold.
 * Such a passkey is what the owner had: whoever completed the recovery may add passkeys, but may not delete, unlink or
 * rename what was there (a renamed "Old phone - lost" invites the owner to delete the wrong one).
 */
function isPreRecoveryPasskey(
  repos: Repositories,
  credential: Pick<StoredCredential, 'accountId' | 'createdAt'>,
  now = Date.now(),
): boolean {
  const hold = repos.recovery.runningHold(credential.accountId, now);
  return hold !== undefined && credential.createdAt < hold.since;
}

/**
 * Changing one passkey: a passkey from before the recovery needs 'passkey-from-before-recovery' assurance (as deleting
 * and unlinking always do); a passkey added since needs only what the route declares. Throws the assurance refusal.
 */
export function requireOriginalPasskeyToChange(
  repos: Repositories,
  request: FastifyRequest,
  credential: Pick<StoredCredential, 'accountId' | 'createdAt'> | undefined,
  now = Date.now(),
) {
  if (credential && isPreRecoveryPasskey(repos, credential, now))
    checkAssurance(repos, request, 'passkey-from-before-recovery', now);
}
