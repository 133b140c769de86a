import type { IDToken } from 'openid-client';
import type { Repositories } from '../../db/index.js';
import type { OidcTransaction } from '../../db/oidc-transactions.js';
import type { Assurance } from '../plugins/session.js';
import type { LoginService } from './login-services.js';

export type CallbackOutcome =
  | {
      ok: true;
      purpose: 'login' | 'link';
      accountId: number;
      username: string;
      detail?: Record<string, unknown>;
      code?: undefined;
    }
  | {
      ok: false;
      purpose: 'login' | 'link';
      code: string;
      detail?: Record<string, unknown>;
      accountId?: number;
      username?: string;
    };

/**
 * What a verified ID token may do (fallback.md §4 rules 7-14): it finds an account only through a link keyed by
 * issuer + subject; an unknown identity gets a neutral refusal (no sign-up, no link, no e-mail lookup); links are
 * created only for the session's own account at passkey assurance.
 */
export function decideCallback(input: {
  repos: Repositories;
  provider: LoginService;
  tx: OidcTransaction;
  claims: IDToken;
  /** The linking session as stored at the decision (fallback/routes.ts reads it inside the saving transaction). */
  session: { userId?: number; assurance?: Assurance; passkeyId?: string };
  requireLineMfa: boolean;
  friendshipStatusChanged?: string;
}): CallbackOutcome {
  const { repos, provider, tx, claims, session } = input;
  const purpose = tx.purpose;
  if (claims.iss !== tx.issuer) return { ok: false, purpose, code: 'issuer_mismatch', detail: { iss: claims.iss } };
  const amr = Array.isArray(claims.amr) ? (claims.amr as string[]) : [];
  if (provider.id === 'line' && input.requireLineMfa && !amr.includes('mfa')) {
    return { ok: false, purpose, code: 'mfa_required', detail: { amr } };
  }
  const detail = {
    amr,
    ...(input.friendshipStatusChanged !== undefined
      ? { friendshipStatusChanged: input.friendshipStatusChanged === 'true' }
      : {}),
  };

  if (purpose === 'login') {
    const identity = linkedIdentity(repos, provider, claims);
    if (!identity) return { ok: false, purpose, code: 'not_linked', detail };
    // Flagged by a recovery: refused with the very same answer as an unknown identity until the owner confirms it.
    if (identity.needsReconfirm)
      return { ok: false, purpose, code: 'not_linked', detail: { ...detail, awaitingReconfirmation: true } };
    const account = repos.accounts.findById(identity.accountId)!;
    return { ok: true, purpose, accountId: account.id, username: account.username, detail };
  }

  // Linking: the session that started it must still be signed in to the same account, at passkey assurance.
  if (session.userId === undefined || session.userId !== tx.accountId)
    return { ok: false, purpose, code: 'sign_in_required', detail };
  if (session.assurance !== 'high') return { ok: false, purpose, code: 'step_up_required', detail };
  // The passkey that gave the session its assurance must still be the account's (as for adding a passkey).
  const passkey = session.passkeyId === undefined ? undefined : repos.credentials.findById(session.passkeyId);
  if (passkey?.accountId !== session.userId) return { ok: false, purpose, code: 'passkey_removed', detail };
  const account = repos.accounts.findById(session.userId)!;
  const existing = linkedIdentity(repos, provider, claims);
  if (existing && existing.accountId !== account.id) {
    return {
      ok: false,
      purpose,
      code: 'linked_to_another_account',
      accountId: account.id,
      username: account.username,
      detail,
    };
  }
  if (existing) {
    repos.identities.confirm(account.id, provider.id);
    return {
      ok: true,
      purpose,
      accountId: account.id,
      username: account.username,
      detail: { ...detail, reconfirmed: true },
    };
  }
  if (repos.identities.listForAccount(account.id).some((identity) => identity.provider === provider.id)) {
    return {
      ok: false,
      purpose,
      code: 'provider_already_linked',
      accountId: account.id,
      username: account.username,
      detail,
    };
  }
  // The same subject stored under a foreign issuer (a real provider's link while the mock runs): never link it twice.
  if (repos.identities.findByProviderSubject(provider.id, claims.sub)) {
    return {
      ok: false,
      purpose,
      code: 'linked_to_another_account',
      accountId: account.id,
      username: account.username,
      detail,
    };
  }
  const name = typeof claims.name === 'string' ? claims.name : null;
  repos.identities.link(account.id, provider.id, claims.iss, claims.sub, name);
  return { ok: true, purpose, accountId: account.id, username: account.username, detail };
}

/**
 * The link for this provider's subject. Keyed by provider + subject because the mock providers' issuer URL carries
 * IDP_PORT (issue 11): a link made while they ran on another port is the same demo identity. The token's issuer was
 * checked against the provider's configured one above; a link stored under a different issuer counts only if both
 * are the local mock (a real provider's link never answers for the mock's subject, or the other way round).
 */
function linkedIdentity(repos: Repositories, provider: LoginService, claims: IDToken) {
  const identity = repos.identities.findByProviderSubject(provider.id, claims.sub);
  if (!identity || identity.issuer === claims.iss) return identity;
  if (!provider.mock || !isMockIssuer(identity.issuer, provider.id)) return undefined;
  repos.identities.updateIssuer(identity.id, claims.iss);
  return { ...identity, issuer: claims.iss };
}

function isMockIssuer(issuer: string, providerId: string): boolean {
  try {
    const url = new URL(issuer);
    return (
      url.protocol === 'http:' &&
      (url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
      url.pathname === `/${providerId}`
    );
  } catch {
    return false;
  }
}
