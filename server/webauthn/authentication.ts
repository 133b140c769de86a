import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { StoredCredential } from '../../db/credentials.js';
import type { AttemptKey } from '../../db/stranger-attempts.js';
import { ApiError, badRequest } from '../errors.js';
import { challengeFromClientData, checkChallenge, issueChallenge } from './challenges.js';
import { fakeAsStored, fakeCredentialsFor } from './fake-credentials.js';
import { strangerAttempt } from './stranger-attempts.js';
import type { CeremonyDeps, InSameCommit, SessionView } from './registration.js';
import type { TransportsMode } from './schemas.js';

type Hint = 'security-key' | 'client-device' | 'hybrid';

export interface AuthenticationRequest {
  username?: string;
  userVerification?: 'required' | 'preferred' | 'discouraged';
  hints?: Hint[];
  transportsMode?: TransportsMode;
  /**
   * A strategy that looks at the account's credentials (read once, here) and picks the hints and, for a known
   * account, the transports per credential (the best-practice strategy). Its choices win over hints/transportsMode.
   */
  plan?: (credentials: StoredCredential[], knownAccount: boolean) => { hints: Hint[]; transportsFor?: (credential: StoredCredential) => string[] | undefined };
}

interface AuthenticationContext {
  username: string | null;
  /** The options as sent: a failure report names only the challenge, and its explanation needs them. */
  options: PublicKeyCredentialRequestOptionsJSON;
  userVerification: 'required' | 'preferred' | 'discouraged';
  transportsMode: TransportsMode;
  /** Where the attempt was counted when a browser not signed in to the account asked (settled at verify or failure). */
  strangerAttempt?: AttemptKey;
}

/** The transports the relying party puts in allowCredentials for one stored credential. */
export function transportsFor(stored: string[] | null, mode: TransportsMode): string[] | undefined {
  if (mode === 'omit') return undefined;
  if (mode === 'add-hybrid') return [...new Set([...(stored ?? []), 'hybrid'])];
  return stored ?? undefined;
}

export interface IssuedAuthentication {
  options: PublicKeyCredentialRequestOptionsJSON;
  accountId: number | null;
  /** The account's credentials the options were built from: the fakes' shapes for a name without passkeys, empty without a username. */
  credentials: StoredCredential[];
  /** Asked by a browser not signed in to this account: counted, not logged in the account's history. */
  byStranger: boolean;
}

export async function createAuthenticationOptions(
  deps: CeremonyDeps & { fakeCredentialKey: string },
  session: SessionView,
  request: AuthenticationRequest,
  inSameCommit?: InSameCommit<IssuedAuthentication>,
): Promise<IssuedAuthentication> {
  const now = deps.now?.() ?? Date.now();
  const transportsMode = request.transportsMode ?? 'stored';
  const account = request.username ? deps.repos.accounts.findByUsername(request.username) : undefined;
  const credentials = account ? deps.repos.credentials.listForAccount(account.id) : [];
  const fakes = request.username && credentials.length === 0 ? fakeCredentialsFor(request.username, deps.fakeCredentialKey) : [];
  // A plan (best-practice hints, transports) is made from the fakes exactly as from real passkeys, so its answer for
  // an unknown name (or an account without passkeys) takes the shapes a real account's does (docs/security.md).
  const planned = fakes.length > 0 ? request.plan?.(fakes.map(fakeAsStored), true) : request.plan?.(credentials, account !== undefined);

  let allowCredentials: { id: string; transports?: AuthenticatorTransport[] }[] | undefined;
  if (request.username) {
    const entries = fakes.length === 0
      ? credentials.map((credential) => ({
          id: credential.id,
          sent: planned?.transportsFor ? planned.transportsFor(credential) : transportsFor(credential.transports, transportsMode),
        }))
      : fakes.map((fake) => ({
          id: fake.id,
          sent: planned?.transportsFor ? planned.transportsFor(fakeAsStored(fake)) : transportsFor(fake.transports, transportsMode),
        }));
    allowCredentials = entries.map(({ id, sent }) => (sent ? { id, transports: sent as AuthenticatorTransport[] } : { id }));
  }

  const userVerification = request.userVerification ?? 'preferred';
  const options = await generateAuthenticationOptions({
    rpID: deps.config.rpId,
    allowCredentials,
    userVerification,
    timeout: 60_000,
  });
  // generateAuthenticationOptions has no hints parameter; WebAuthn L3 puts them on the request itself.
  options.hints = planned?.hints ?? request.hints ?? [];

  const stranger = strangerAttempt(account?.id, session.userId, session.source, now);
  return deps.repos.transaction(() => {
    const counted = stranger && deps.repos.strangerAttempts.count(stranger, 'unfinished');
    const context: AuthenticationContext = { username: request.username ?? null, options, userVerification, transportsMode, ...(counted ? { strangerAttempt: counted } : {}) };
    return issueChallenge(
      deps.repos,
      { options, accountId: account?.id ?? null, credentials: fakes.length > 0 ? fakes.map(fakeAsStored) : credentials, byStranger: stranger !== undefined },
      { binding: session.binding, ceremony: 'authentication', context: { ...context }, expiresAt: now + deps.config.challengeTtlMs },
      inSameCommit,
    );
  });
}

export interface VerifiedAuthentication {
  account: { id: number; username: string };
  credential: StoredCredential;
  /** hybrid when a phone passkey answered from another device (cross-platform attachment). */
  method: 'passkey' | 'hybrid';
  userVerified: boolean;
  backupStateChanged: { from: boolean; to: boolean } | null;
  newCounter: number;
  /** The options this login answered (kept with the pending challenge), for the account's history. */
  options: PublicKeyCredentialRequestOptionsJSON;
}

export class CounterRegressionError extends ApiError {
  constructor(readonly credentialId: string, readonly accountId: number, detail: Record<string, unknown>) {
    super(
      403,
      'counter_regression',
      'The authenticator reported a signature counter that went backwards. This can mean the passkey was cloned; the credential has been flagged and the login refused.',
      detail,
    );
  }
}

export async function verifyAuthentication(
  deps: CeremonyDeps,
  session: SessionView,
  response: AuthenticationResponseJSON,
  inSameCommit?: InSameCommit<VerifiedAuthentication>,
): Promise<VerifiedAuthentication> {
  const now = deps.now?.() ?? Date.now();
  const { repos } = deps;
  const challenge = challengeFromClientData(response.response.clientDataJSON);
  // One commit: the challenge is taken (deleted) whatever the checks below decide, and the reads share its snapshot.
  const taken = repos.transaction(() => {
    const pendingChallenge = repos.challenges.take(challenge, session.binding);
    const storedCredential = repos.credentials.findById(response.id);
    return { pendingChallenge, storedCredential, owner: storedCredential && repos.accounts.findById(storedCredential.accountId) };
  });
  const pending = checkChallenge(repos.challenges, challenge, taken.pendingChallenge, 'authentication', now);
  const context = pending.context as unknown as AuthenticationContext;

  const credential = taken.storedCredential;
  if (!credential) {
    throw badRequest('unknown_credential', 'This passkey is not registered here (it may have been deleted). Use another passkey or a fallback login.');
  }
  if (pending.accountId !== null && credential.accountId !== pending.accountId) {
    throw new ApiError(403, 'credential_not_allowed', 'This passkey belongs to a different account than the one being signed in to.');
  }
  const account = taken.owner!;
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== account.userHandle) {
    throw new ApiError(403, 'user_handle_mismatch', 'The user handle returned by the authenticator does not belong to this passkey\'s account.');
  }
  if (pending.accountId === null && !userHandle) {
    throw badRequest('user_handle_missing', 'A usernameless login needs the authenticator to return the user handle (a discoverable credential).');
  }

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: deps.config.publicOrigins,
      expectedRPID: deps.config.rpId,
      credential: {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: (credential.transports ?? undefined) as AuthenticatorTransport[] | undefined,
      },
      requireUserVerification: context.userVerification === 'required',
    });
  } catch (error) {
    const message = (error as Error).message;
    const regression = /counter value (\d+) was lower than expected (\d+)/.exec(message);
    if (regression) {
      deps.repos.credentials.flagClone(credential.id);
      throw new CounterRegressionError(credential.id, account.id, {
        receivedCounter: Number(regression[1]),
        storedCounter: Number(regression[2]),
      });
    }
    throw badRequest('verification_failed', `The login response did not verify: ${message}`);
  }
  if (!verification.verified) throw badRequest('verification_failed', 'The login response did not verify.');

  const info = verification.authenticationInfo;
  // A platform passkey that answers as cross-platform came from another device, over hybrid (QR + Bluetooth).
  const fromPhone =
    response.authenticatorAttachment === 'cross-platform' && (credential.attachment === 'platform' || (credential.transports ?? []).includes('hybrid'));
  const verified: VerifiedAuthentication = {
    account: { id: account.id, username: account.username },
    credential,
    method: fromPhone ? 'hybrid' : 'passkey',
    userVerified: info.userVerified,
    backupStateChanged:
      info.credentialBackedUp !== credential.backedUp ? { from: credential.backedUp, to: info.credentialBackedUp } : null,
    newCounter: info.newCounter,
    options: context.options,
  };
  repos.transaction(() => {
    repos.credentials.recordUse(credential.id, info.newCounter, info.credentialBackedUp, now);
    // The attempt counted when this browser asked was the owner's own: it signed in, so it is no stranger's.
    if (context.strangerAttempt) repos.strangerAttempts.settle(context.strangerAttempt, 'unfinished', null);
    inSameCommit?.(verified);
  });
  return verified;
}
