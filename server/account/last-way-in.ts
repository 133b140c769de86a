import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';

/**
 * An account keeps at least one way to sign in: a passkey, or a linked login that can sign in now (one waiting to be
 * confirmed again cannot, and confirming it needs a passkey). Call inside the transaction that removes the credential.
 */
export function refuseRemovingLastWayIn(
  repos: Repositories,
  accountId: number,
  removing: { passkeyId: string } | { provider: string },
) {
  const passkeysLeft = repos.credentials.countOthers(accountId, 'passkeyId' in removing ? removing.passkeyId : '');
  const loginsLeft = repos.identities.countUsableOthers(accountId, 'provider' in removing ? removing.provider : '');
  if (passkeysLeft + loginsLeft === 0) {
    throw new ApiError(
      409,
      'last_sign_in_method',
      'This is the last way to sign in to your account. Add another passkey or link a login first.',
    );
  }
}
