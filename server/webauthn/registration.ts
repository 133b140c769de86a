import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { isReservedUsername } from '../account/username.js';
import { ApiError, badRequest } from '../errors.js';
import type { Assurance } from '../plugins/session.js';
import { challengeFromClientData, consumeChallenge, issueChallenge } from './challenges.js';
import { describeProvider } from './providers.js';
import type { ClientInfo, RegistrationOptionsBody } from './schemas.js';

// ES256 first: it is what every platform supports, and Chrome's virtual authenticator takes the first entry.
export const SUPPORTED_ALGORITHM_IDS = [-7, -8, -257];

export interface CeremonyDeps {
  config: Pick<Config, 'rpId' | 'rpName' | 'publicOrigins' | 'challengeTtlMs'>;
  repos: Repositories;
  now?: () => number;
}

/**
 * Runs inside the ceremony's own transaction: the route's ceremony-log entry lands in the same commit as the
 * ceremony's writes (challenge, counter, credential), or not at all. One commit instead of two per request.
 */
export type InSameCommit<T> = (result: T) => void;

export interface SessionView {
  /** The browser binding challenges are tied to (see browser-binding.ts). */
  binding: string;
  /** The server-side session id (a new one after every sign-in; a signed-out or revoked session never comes back). */
  sessionId: string;
  userId?: number;
  assurance?: Assurance;
  /** After the identity-proofing simulation, the session may add one passkey without a step-up. */
  recovered?: boolean;
  /** Keyed hash of the request's source address (stranger-attempts.ts). */
  source: string;
}

interface RegistrationContext {
  username: string;
  displayName: string;
  userHandle: string;
  userVerification: 'required' | 'preferred' | 'discouraged';
  newAccount: boolean;
  /** For an existing account: the signed-in session that was allowed to ask, and what allowed it. */
  asker?: { sessionId: string; userId: number; assurance: Assurance | null; recovered: boolean };
}

export interface IssuedRegistration {
  options: PublicKeyCredentialCreationOptionsJSON;
  accountId: number | null;
}

export async function createRegistrationOptions(
  deps: CeremonyDeps,
  session: SessionView,
  body: RegistrationOptionsBody,
  inSameCommit?: InSameCommit<IssuedRegistration>,
): Promise<IssuedRegistration> {
  const now = deps.now?.() ?? Date.now();
  // body.username is canonical (plugins/username.ts): look-alikes of it have been folded into it or refused.
  const existing = deps.repos.accounts.findByUsername(body.username);
  if (!existing) refuseNewUsername(deps.repos, body.username);
  if (existing) {
    // Adding a key to an existing account needs that account's own session, and a passkey-strength one.
    if (session.userId === undefined) {
      throw new ApiError(401, 'sign_in_required', 'This username is taken. To add a passkey to it, sign in to that account first.');
    }
    if (session.userId !== existing.id) {
      throw new ApiError(403, 'not_your_account', 'You are signed in to a different account; passkeys can only be added to your own account.');
    }
    if (session.assurance !== 'high' && !session.recovered) {
      throw new ApiError(403, 'step_up_required', 'You signed in with a fallback login. Confirm with a passkey first (step-up), then add a new one.');
    }
  }

  const userHandle = existing?.userHandle ?? randomBytes(32).toString('base64url');
  const displayName = existing?.displayName ?? (body.displayName?.trim() || body.username);
  const userVerification = body.userVerification ?? 'preferred';
  const excludeCredentials = existing
    ? deps.repos.credentials.listForAccount(existing.id).map((credential) => ({
        id: credential.id,
        transports: (credential.transports ?? undefined) as AuthenticatorTransport[] | undefined,
      }))
    : [];

  const options = await generateRegistrationOptions({
    rpName: deps.config.rpName,
    rpID: deps.config.rpId,
    userName: body.username,
    userDisplayName: displayName,
    userID: Buffer.from(userHandle, 'base64url'),
    // SimpleWebAuthn has no 'indirect'; it is sent as asked and whatever format comes back is verified.
    attestationType: body.attestation === 'indirect' ? 'none' : (body.attestation ?? 'none'),
    excludeCredentials,
    authenticatorSelection: {
      authenticatorAttachment: body.authenticatorAttachment,
      residentKey: body.residentKey ?? 'preferred',
      userVerification,
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    timeout: 60_000,
  });
  options.hints = body.hints ?? [];
  if (body.attestation === 'indirect') options.attestation = 'indirect';

  const context: RegistrationContext = {
    username: body.username,
    displayName,
    userHandle,
    userVerification,
    newAccount: !existing,
    ...(existing
      ? { asker: { sessionId: session.sessionId, userId: existing.id, assurance: session.assurance ?? null, recovered: session.recovered ?? false } }
      : {}),
  };
  return issueChallenge(
    deps.repos,
    { options, accountId: existing?.id ?? null },
    { binding: session.binding, ceremony: 'registration', context: { ...context }, expiresAt: now + deps.config.challengeTtlMs },
    inSameCommit,
  );
}

/**
 * A passkey is added to an existing account only by the very session that was allowed to ask: still signed in (not
 * signed out, not revoked by "sign out everywhere"), to the same account, at the same assurance.
 */
function assertSameAsker(asker: RegistrationContext['asker'], session: SessionView) {
  const same =
    asker !== undefined &&
    session.sessionId === asker.sessionId &&
    session.userId === asker.userId &&
    (session.assurance ?? null) === asker.assurance &&
    (session.recovered ?? false) === asker.recovered;
  if (!same) {
    throw new ApiError(403, 'session_changed', 'The session that asked to add this passkey has signed out or changed. Sign in again and start over.');
  }
}

/** A new account's name must not be reserved nor read like an existing one (equal UTS #39 skeletons). */
function refuseNewUsername(repos: Repositories, username: string) {
  if (isReservedUsername(username)) {
    throw new ApiError(400, 'username_reserved', 'Names starting with "renamed-" are reserved for accounts the lab renamed. Choose another one.');
  }
  if (repos.accounts.findLookAlike(username)) {
    throw new ApiError(409, 'username_look_alike', 'This username looks the same as an existing one. Choose a clearly different one.');
  }
}

export interface VerifiedRegistration {
  account: { id: number; username: string };
  credential: {
    id: string;
    transports: string[] | null;
    deviceType: 'singleDevice' | 'multiDevice';
    backedUp: boolean;
    aaguid: string;
    provider: string | null;
    attachment: 'platform' | 'cross-platform' | null;
    attestationFormat: string;
    credPropsRk: boolean | null;
  };
}

export async function verifyRegistration(
  deps: CeremonyDeps,
  session: SessionView,
  response: RegistrationResponseJSON,
  client: ClientInfo | undefined,
  label: string | undefined,
  inSameCommit?: InSameCommit<VerifiedRegistration>,
): Promise<VerifiedRegistration> {
  const now = deps.now?.() ?? Date.now();
  const pending = consumeChallenge(
    deps.repos.challenges,
    challengeFromClientData(response.response.clientDataJSON),
    session.binding,
    'registration',
    now,
  );
  const context = pending.context as unknown as RegistrationContext;
  if (!context.newAccount) assertSameAsker(context.asker, session);

  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: deps.config.publicOrigins,
      expectedRPID: deps.config.rpId,
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
  const credPropsRk = (response.clientExtensionResults as { credProps?: { rk?: unknown } }).credProps?.rk;
  const attachment = response.authenticatorAttachment ?? null;
  const transports = info.credential.transports?.length ? [...info.credential.transports] : null;

  const { repos } = deps;
  return repos.transaction(() => {
    const accountId = repos.accounts.findByUsername(context.username)?.id;
    if (!context.newAccount && accountId !== pending.accountId) {
      throw new ApiError(409, 'account_changed', 'The account changed while this registration was in progress. Start again.');
    }
    if (repos.credentials.findById(info.credential.id)) {
      throw new ApiError(409, 'credential_exists', 'This credential is already registered.');
    }

    const account = (() => {
      if (!context.newAccount) return repos.accounts.findById(pending.accountId!)!;
      if (accountId !== undefined) {
        throw new ApiError(409, 'username_taken', 'Someone registered this username a moment ago. Choose another one.');
      }
      refuseNewUsername(repos, context.username);
      return repos.accounts.create(context.username, context.displayName, context.userHandle, now);
    })();

    repos.credentials.create(
      {
        id: info.credential.id,
        accountId: account.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        attestationFormat: info.fmt,
        attachment,
        credPropsRk: typeof credPropsRk === 'boolean' ? credPropsRk : null,
        label: label?.trim() || null,
        registeredClient: client ?? null,
      },
      now,
    );

    const verified: VerifiedRegistration = {
      account: { id: account.id, username: account.username },
      credential: {
        id: info.credential.id,
        transports,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        provider: describeProvider(info.aaguid).name,
        attachment,
        attestationFormat: info.fmt,
        credPropsRk: typeof credPropsRk === 'boolean' ? credPropsRk : null,
      },
    };
    inSameCommit?.(verified);
    return verified;
  });
}
