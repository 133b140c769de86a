import type { Account } from '../../db/accounts.js';
import type { Repositories } from '../../db/index.js';
import { ADD_PASSKEY_HERE } from '../support-asks.js';
import { ApiError } from '../errors.js';
import { proposeFixes } from './fixes.js';

/**
 * Applies one proposed fix inside the caller's transaction: proposed again first, so a fix that no longer applies
 * (already applied, passkey gone, already asked) is refused. Audited, and written to the customer's own history.
 */
export function applyFix(
  repos: Repositories,
  account: Account | undefined,
  fixId: string,
  staffId: number,
  site: string,
) {
  const asked = account !== undefined && repos.supportAsks.find(account.id, ADD_PASSKEY_HERE) !== undefined;
  const fix =
    account &&
    proposeFixes(repos.credentials.listForAccount(account.id), 'en', site, asked).find((item) => item.id === fixId);
  if (!account || !fix)
    throw new ApiError(
      409,
      'fix_not_available',
      'This fix is not (or no longer) available for this account. Look the account up again.',
    );
  if (fix.kind === 'store-transports') {
    repos.credentials.setTransports(fix.credentialId, account.id, fix.transports);
    repos.audit.append(staffId, 'fix.apply', account.username, { fix: fix.id, transports: fix.transports });
    repos.ceremonies.record({
      accountId: account.id,
      username: account.username,
      kind: 'support.fix',
      outcome: 'recorded',
      detail: { fix: fix.kind, credentialId: fix.credentialId, transports: fix.transports },
    });
  } else {
    // A flag on the account: the account page offers a passkey on the PC at the next sign-in there.
    repos.supportAsks.set(account.id, ADD_PASSKEY_HERE, staffId);
    repos.audit.append(staffId, 'fix.apply', account.username, { fix: fix.id });
    repos.ceremonies.record({
      accountId: account.id,
      username: account.username,
      kind: 'support.fix',
      outcome: 'recorded',
      detail: { fix: fix.kind },
    });
  }
  return { applied: fix.id };
}
