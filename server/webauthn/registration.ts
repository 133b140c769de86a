import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import type { Account } from '../../db/accounts.js';
import { cookieDigest } from '../../db/cookie-digest.js';
import type { PendingChallenge } from '../../db/challenges.js';
import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { isReservedUsername } from '../../db/usernames.js';
import { ApiError, badRequest } from '../errors.js';
import { checkSessionPasskey } from '../plugins/assurance.js';
import type { Assurance } from '../plugins/session.js';
import { describeProvider } from '../passkey-providers.js';
import { isFakeCredentialId } from './fake-credentials.js';
import type { ClientInfo, RegistrationOptionsBody } from './schemas.js';
import type { Caller } from './caller.js';
import { passkeyAdded } from '../support-asks.js';
import { unusablePasskeyReason } from './usable-passkey.js';

// The registration ceremony, one function per step; each takes data and returns data (the route reads and writes).

// ES256 first: it is what every platform supports, and Chrome's virtual authenticator takes the first entry.
export const SUPPORTED_ALGORITHM_IDS = [-7, -8, -257];

/** Kept with the pending challenge until the response comes back. */
export interface RegistrationContext {
  username: string;
  displayName: string;
  userHandle: string;
  userVerification: 'required' | 'preferred' | 'discouraged';
  newAccount: boolean;
  /** For an existing account: the signed-in session that was allowed to ask, and what allowed it. */
  asker?: {
    /** The asking session's id as the database keeps it (a digest: kept with the challenge, it is stored too). */
    sessionDigest: string;
    userId: number;
    assurance: Assurance | null;
    recovered: boolean;
    /** The passkey behind a high session: it must still be on the account when the new one is saved. */
    passkeyId?: string;
  };
}

/**
 * Adding a key to an existing account needs that account's own session, and a passkey-strength one whose passkey is
 * still on the account (or a recovered session's one allowance).
 */
export function checkMayAddPasskey(repos: Repositories, existing: Account, caller: Caller) {
  if (caller.userId === undefined) {
    throw new ApiError(
      401,
      'sign_in_required',
      'This username is taken. To add a passkey to it, sign in to that account first.',
    );
  }
  if (caller.userId !== existing.id) {
    throw new ApiError(
      403,
      'not_your_account',
      'You are signed in to a different account; passkeys can only be added to your own account.',
    );
  }
  if (caller.assurance !== 'high' && !caller.recovered) {
    throw new ApiError(
      403,
      'step_up_required',
      'You signed in with a fallback login. Confirm with a passkey first (step-up), then add a new one.',
    );
  }
  if (caller.assurance === 'high') checkSessionPasskey(repos, existing.id, caller.passkeyId);
}

/** A new account's name must not be reserved nor read like an existing one (equal UTS #39 skeletons). */
export function refuseNewUsername(repos: Repositories, username: string) {
  if (isReservedUsername(username)) {
    throw new ApiError(
      400,
      'username_reserved',
      'Names starting with "renamed-" are reserved for accounts the lab renamed. Choose another one.',
    );
  }
  if (repos.accounts.findLookAlike(username)) {
    throw new ApiError(
      409,
      'username_look_alike',
      'This username looks the same as an existing one. Choose a clearly different one.',
    );
  }
}

/** Plans the creation options and what the challenge keeps (user handle, name, who asked); pure but for new handles. */
export function planRegistrationOptions(
  body: RegistrationOptionsBody,
  existing: Account | undefined,
  credentials: StoredCredential[],
  caller: Caller,
) {
  const context: RegistrationContext = {
    username: body.username,
    displayName: existing?.displayName ?? (body.displayName?.trim() || body.username),
    userHandle: existing?.userHandle ?? randomBytes(32).toString('base64url'),
    userVerification: body.userVerification ?? 'preferred',
    newAccount: !existing,
    ...(existing
      ? {
          asker: {
            sessionDigest: cookieDigest(caller.sessionId),
            userId: existing.id,
            assurance: caller.assurance ?? null,
            recovered: caller.recovered ?? false,
            ...(caller.passkeyId !== undefined ? { passkeyId: caller.passkeyId } : {}),
          },
        }
      : {}),
  };
  const excludeCredentials = credentials.map((credential) => ({
    id: credential.id,
    transports: (credential.transports ?? undefined) as AuthenticatorTransport[] | undefined,
  }));
  return { context, excludeCredentials };
}

/** Makes the creation options (with a fresh challenge) from a plan. */
export async function generateCreationOptions(
  config: Pick<Config, 'rpId' | 'rpName'>,
  body: RegistrationOptionsBody,
  plan: ReturnType<typeof planRegistrationOptions>,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: config.rpName,
    rpID: config.rpId,
    userName: body.username,
    userDisplayName: plan.context.displayName,
    userID: Buffer.from(plan.context.userHandle, 'base64url'),
    // SimpleWebAuthn has no 'indirect'; it is sent as asked and whatever format comes back is verified.
    attestationType: body.attestation === 'indirect' ? 'none' : (body.attestation ?? 'none'),
    excludeCredentials: plan.excludeCredentials,
    authenticatorSelection: {
      authenticatorAttachment: body.authenticatorAttachment,
      residentKey: body.residentKey ?? 'preferred',
      userVerification: plan.context.userVerification,
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    timeout: 60_000,
  });
  options.hints = body.hints ?? [];
  if (body.attestation === 'indirect') options.attestation = 'indirect';
  return options;
}

/**
 * A passkey is added to an existing account only by the very session that was allowed to ask: still signed in (not
 * signed out, not revoked by "sign out everywhere"), to the same account, at the same assurance.
 */
export function checkSameAsker(context: RegistrationContext, caller: Caller) {
  if (context.newAccount) return;
  const asker = context.asker;
  const same =
    asker !== undefined &&
    cookieDigest(caller.sessionId) === asker.sessionDigest &&
    caller.userId === asker.userId &&
    (caller.assurance ?? null) === asker.assurance &&
    (caller.recovered ?? false) === asker.recovered;
  if (!same) {
    throw new ApiError(
      403,
      'session_changed',
      'The session that asked to add this passkey has signed out or changed. Sign in again and start over.',
    );
  }
}

/** The new credential as the lab stores and reports it. */
export interface NewPasskey {
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[] | null;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  aaguid: string;
  provider: string | null;
  attachment: 'platform' | 'cross-platform' | null;
  attestationFormat: string;
  credPropsRk: boolean | null;
}

/** Verifies the attestation against the pending challenge; returns the new credential. */
export async function verifyAttestation(
  config: Pick<Config, 'publicOrigins' | 'rpId'>,
  pending: PendingChallenge,
  context: RegistrationContext,
  response: RegistrationResponseJSON,
): Promise<NewPasskey> {
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: config.publicOrigins,
      expectedRPID: config.rpId,
      requireUserVerification: context.userVerification === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
  } catch (error) {
    throw badRequest('verification_failed', `The registration response did not verify: ${(error as Error).message}`);
  }
  if (!verification.verified || !verification.registrationInfo) {
    throw badRequest('verification_failed', 'The registration response did not verify.');
  }
  const info = verification.registrationInfo;
  const unusable = unusablePasskeyReason(info.credential.id, info.credential.publicKey);
  if (unusable) throw badRequest('passkey_unusable', `This passkey could never be used to sign in: ${unusable}.`);
  const credPropsRk = (response.clientExtensionResults as { credProps?: { rk?: unknown } }).credProps?.rk;
  return {
    id: info.credential.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: info.credential.transports?.length ? [...info.credential.transports] : null,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    aaguid: info.aaguid,
    provider: describeProvider(info.aaguid).name,
    attachment: response.authenticatorAttachment ?? null,
    attestationFormat: info.fmt,
    credPropsRk: typeof credPropsRk === 'boolean' ? credPropsRk : null,
  };
}

/**
 * Writes the account (if new) and the passkey; call it inside the request's transaction. Re-checks what may have
 * changed since the options were issued (the account, a racing sign-up, a recovered session's one passkey, the
 * credential id).
 */
export function saveRegistration(
  repos: Repositories,
  pending: PendingChallenge,
  context: RegistrationContext,
  passkey: NewPasskey,
  /** sessionId: the caller's, which checkSameAsker has found to be the asker's. */
  extra: { label: string | undefined; client: ClientInfo | undefined; sessionId: string },
  now: number,
  fakeCredentialKey: string,
): Account {
  const accountId = repos.accounts.findByUsername(context.username)?.id;
  if (!context.newAccount && accountId !== pending.accountId) {
    throw new ApiError(
      409,
      'account_changed',
      'The account changed while this registration was in progress. Start again.',
    );
  }
  // The asker's passkey, checked again in the saving transaction: a deletion since the options is seen here.
  if (context.asker?.assurance === 'high') checkSessionPasskey(repos, context.asker.userId, context.asker.passkeyId);
  // A recovered session's one passkey is used up by this transaction's UPDATE of its session row, not by the session
  // as loaded when the request came in: of two verifies racing on one recovered session, only the first changes it.
  if (context.asker?.recovered && !repos.sessions.useRecoveredAllowance(extra.sessionId)) {
    throw new ApiError(
      403,
      'recovery_passkey_used',
      'This session has already added its one passkey after identity proofing. Sign in with that passkey to add more.',
    );
  }
  // An id the lab lists as a fake is refused as a taken one is: otherwise a sign-up reusing a listed id would tell a
  // real passkey (taken) from a fake (free), and the fake, once registered, would be a real passkey in a fake list.
  if (repos.credentials.findById(passkey.id) || isFakeCredentialId(passkey.id, fakeCredentialKey)) {
    throw new ApiError(409, 'credential_exists', 'This credential is already registered.');
  }
  let account: Account;
  if (!context.newAccount) {
    account = repos.accounts.findById(pending.accountId!)!;
  } else {
    if (accountId !== undefined)
      throw new ApiError(409, 'username_taken', 'Someone registered this username a moment ago. Choose another one.');
    refuseNewUsername(repos, context.username);
    account = repos.accounts.create(context.username, context.displayName, context.userHandle, now);
  }
  const { provider: _provider, ...stored } = passkey;
  repos.credentials.create(
    { ...stored, accountId: account.id, label: extra.label?.trim() || null, registeredClient: extra.client ?? null },
    now,
  );
  // A passkey on the PC itself answers support's "add a passkey on this PC" (audited for the staff member who asked).
  if (!context.newAccount) passkeyAdded(repos, account, passkey.attachment, extra.client, now);
  return account;
}
