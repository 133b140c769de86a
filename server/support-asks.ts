import type { Account } from '../db/accounts.js';
import type { AskKind } from '../db/support-asks.js';
import type { Repositories } from '../db/index.js';
import type { ClientInfo } from './client-info.js';
import { clientFactsFrom } from './dialogs/client-facts.js';

/**
 * What staff asked a customer to do at the next sign-in (issue 12 point 4): today "add a passkey on this PC". Staff
 * set it with a fix (server/support/fixes.ts); the customer's account page offers it on a PC; it is answered once, by
 * adding a passkey on a PC or by declining, and the answer goes to the audit log under the staff member who asked.
 */
export const ADD_PASSKEY_HERE: AskKind = 'add-passkey-here';

/** A computer, not a phone or tablet: the ask is about the PC where sign-in needed the phone or a fallback login. */
export const isPc = (client: ClientInfo | undefined) => !['android', 'ios'].includes(clientFactsFrom(client).os);

/** Call inside the caller's transaction. Returns whether there was an ask to answer. */
export function answerAsk(
  repos: Repositories,
  account: Pick<Account, 'id' | 'username'>,
  kind: AskKind,
  outcome: 'added' | 'declined',
  now = Date.now(),
): boolean {
  const ask = repos.supportAsks.take(account.id, kind);
  if (!ask) return false;
  // Filed under the staff member who asked (the log is staff's), but the one who answered is the customer.
  repos.audit.append(
    ask.askedBy,
    `ask.${outcome}`,
    account.username,
    { ask: kind, askedAt: ask.askedAt, answeredBy: 'customer' },
    now,
  );
  repos.ceremonies.record(
    {
      accountId: account.id,
      username: account.username,
      kind: 'support.ask',
      outcome: 'recorded',
      detail: { ask: kind, answer: outcome },
    },
    now,
  );
  return true;
}

/**
 * After a passkey is saved (inside the registration's transaction): a passkey on the computer itself (platform
 * attachment, registered from a PC) answers "add a passkey on this PC". A phone's passkey or a security key does not.
 */
export function passkeyAdded(
  repos: Repositories,
  account: Pick<Account, 'id' | 'username'>,
  attachment: string | null,
  client: ClientInfo | undefined,
  now = Date.now(),
) {
  if (attachment === 'platform' && isPc(client)) answerAsk(repos, account, ADD_PASSKEY_HERE, 'added', now);
}
