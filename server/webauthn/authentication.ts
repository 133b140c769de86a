import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { createHash } from 'node:crypto';
import type { Account } from '../../db/accounts.js';
import type { PendingChallenge } from '../../db/challenges.js';
import type { StoredCredential } from '../../db/credentials.js';
import type { AttemptKey } from '../../db/stranger-attempts.js';
import type { Config } from '../config.js';
import { bestPracticeRequest } from '../dialogs/best-practice.js';
import { immediateGetSupported } from '../dialogs/client-facts.js';
import { ApiError, badRequest } from '../errors.js';
import { fakeAsStored, isStandIn, standInCredential, type FakeCredential } from './fake-credentials.js';
import { randomId } from '../plugins/random-id.js';
import type { ClientData } from './challenges.js';
import type { AuthenticationOptionsBody, TransportsMode } from './schemas.js';

// The login ceremony, one function per step; each takes data and returns data (the route reads and writes).

type Hint = 'security-key' | 'client-device' | 'hybrid';
type UserVerification = 'required' | 'preferred' | 'discouraged';

/** What the login options send, decided before the library makes them. */
export interface AuthenticationPlan {
  /** undefined for a usernameless request (empty allow list). */
  allowCredentials?: { id: string; transports?: AuthenticatorTransport[] }[];
  hints: Hint[];
  userVerification: UserVerification;
}

/** Kept with the pending challenge until the response (or a failure report) comes back. */
export interface AuthenticationContext {
  username: string | null;
  /** The options as sent: a failure report names only the challenge, and its explanation needs them. */
  options: PublicKeyCredentialRequestOptionsJSON;
  userVerification: UserVerification;
  transportsMode: TransportsMode;
  /** Where the attempt was counted when a browser not signed in to the account asked (settled at verify or failure). */
  strangerAttempt?: AttemptKey;
}

/** The context a login challenge was saved with, typed again: the one place its stored JSON is read back. */
export function readAuthenticationContext(pending: PendingChallenge): AuthenticationContext {
  if (pending.ceremony !== 'authentication') {
    throw badRequest('wrong_ceremony', `This challenge was issued for ${pending.ceremony}, not authentication.`);
  }
  // Saved from an AuthenticationContext by the options route; JSON keeps all of its (plain) members.
  return pending.context as unknown as AuthenticationContext;
}

/** The transports the relying party puts in allowCredentials for one stored credential. */
export function transportsFor(stored: string[] | null, mode: TransportsMode): string[] | undefined {
  if (mode === 'omit') return undefined;
  if (mode === 'add-hybrid') return [...new Set([...(stored ?? []), 'hybrid'])];
  return stored ?? undefined;
}

export interface AuthenticationPlanInput {
  username?: string;
  userVerification?: UserVerification;
  hints?: Hint[];
  transportsMode?: TransportsMode;
  /** The account's credentials (empty for an unknown username or none). */
  credentials: StoredCredential[];
  /** Stand-ins sent when the name has no passkeys, so the answer does not tell whether the account exists. */
  fakes: FakeCredential[];
  /** A strategy's choice (best practice): its hints and per-credential transports win over hints/transportsMode. */
  strategy?: { hints: Hint[]; transportsFor?: (credential: StoredCredential) => string[] | undefined };
}

/**
 * Immediate UI mode: only for a browser that reported immediateGet (elsewhere uiMode is ignored and the call is a
 * modal get()), and only with an empty allow list (the browser rejects any allowCredentials in immediate mode).
 */
export function checkImmediateMode(body: AuthenticationOptionsBody) {
  if (body.uiMode !== 'immediate') return;
  if (!immediateGetSupported(body.client)) {
    throw badRequest(
      'immediate_unsupported',
      'This browser did not report immediateGet in getClientCapabilities(), so immediate UI mode is not used with it.',
    );
  }
  if (body.username !== undefined) {
    throw badRequest(
      'immediate_needs_usernameless',
      'Immediate UI mode needs an empty allow list: ask for options without a username.',
    );
  }
}

/**
 * The best-practice strategy's choice (hints, and transports per credential) from the passkeys as seen: a name
 * without passkeys passes its fakes (fakeAsStored), so it is planned like a real account.
 */
export function bestPracticeStrategy(
  body: AuthenticationOptionsBody,
  credentials: StoredCredential[],
): AuthenticationPlanInput['strategy'] {
  const practice = bestPracticeRequest(credentials, body.client);
  return { hints: body.hints ?? practice.hints, transportsFor: practice.transportsFor };
}

/** Plans the request options: which credentials, with which transports and hints. Pure. */
export function planAuthenticationOptions(input: AuthenticationPlanInput): AuthenticationPlan {
  const mode = input.transportsMode ?? 'stored';
  let allowCredentials: AuthenticationPlan['allowCredentials'];
  if (input.username) {
    const entries =
      input.credentials.length > 0
        ? input.credentials.map((credential) => ({
            id: credential.id,
            sent: input.strategy?.transportsFor
              ? input.strategy.transportsFor(credential)
              : transportsFor(credential.transports, mode),
          }))
        : input.fakes.map((fake) => ({
            id: fake.id,
            sent: input.strategy?.transportsFor
              ? input.strategy.transportsFor(fakeAsStored(fake))
              : transportsFor(fake.transports, mode),
          }));
    allowCredentials = entries.map(({ id, sent }) =>
      sent ? { id, transports: sent as AuthenticatorTransport[] } : { id },
    );
  }
  return {
    allowCredentials,
    hints: input.strategy?.hints ?? input.hints ?? [],
    userVerification: input.userVerification ?? 'preferred',
  };
}

/** Makes the request options (with a fresh challenge) from a plan. */
export async function generateRequestOptions(
  plan: AuthenticationPlan,
  rpId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials: plan.allowCredentials,
    userVerification: plan.userVerification,
    timeout: 60_000,
  });
  // generateAuthenticationOptions has no hints parameter; WebAuthn L3 puts them on the request itself.
  options.hints = plan.hints;
  return options;
}

export const UNKNOWN_CREDENTIAL_MESSAGE =
  'This passkey is not registered here (it may have been deleted). Use another passkey or a fallback login.';

/**
 * Checks that the passkey that answered may sign in to the account the challenge was issued for, so that the reply
 * never tells a stranger whether a name has passkeys (docs/security.md, "What the API reveals about accounts"):
 * - Username-first (the options listed ids): an id they did not list is refused without being looked up. A listed id
 *   the lab does not hold is one of the fakes of a name without passkeys (or a passkey deleted since): it is checked as
 *   a stand-in with a key no one holds (fake-credentials.ts), so it fails where a real passkey's wrong signature fails.
 * - Usernameless: the user handle is required first; an id not found and a handle that is not its owner's get the one
 *   answer `unknown_credential`, which the login page passes to the browser's Signal API; a staff passkey gets its own.
 */
export function checkAssertionCredential(
  pending: PendingChallenge,
  context: AuthenticationContext,
  found: { credential: StoredCredential | undefined; owner: Account | undefined; staffPasskey?: boolean },
  response: AuthenticationResponseJSON,
): { credential: StoredCredential; account: Account } {
  let { credential, owner } = found;
  const userHandle = response.response.userHandle;
  const listed = context.options.allowCredentials ?? [];
  if (listed.length > 0) {
    if (!listed.some((entry) => entry.id === response.id)) {
      throw new ApiError(403, 'credential_not_allowed', 'This passkey was not offered for this login.');
    }
    // Listed but not this account's passkey (a fake; a passkey deleted since; for a name without an account, anything).
    if (!credential || !owner || pending.accountId === null || credential.accountId !== pending.accountId) {
      credential = standInCredential(response.id, pending.accountId ?? 0);
      owner = { id: credential.accountId, username: '', displayName: '', userHandle: randomId(18), createdAt: 0 };
    }
    if (userHandle && userHandle !== owner.userHandle) {
      throw new ApiError(
        403,
        'user_handle_mismatch',
        "The user handle returned by the authenticator does not belong to this passkey's account.",
      );
    }
  } else {
    if (!userHandle) {
      throw badRequest(
        'user_handle_missing',
        'A usernameless login needs the authenticator to return the user handle (a discoverable credential).',
      );
    }
    // A support staff passkey has this RP ID too, so the browser offers it here. It must not be answered
    // unknown_credential: the page would tell the browser to forget it (Windows Hello deletes it).
    if (!credential && found.staffPasskey) {
      throw badRequest('staff_passkey', 'This is a support staff passkey: staff sign in at /staff/login.');
    }
    if (!credential || !owner || userHandle !== owner.userHandle) {
      throw badRequest('unknown_credential', UNKNOWN_CREDENTIAL_MESSAGE);
    }
  }
  if (pending.accountId !== null && credential.accountId !== pending.accountId) {
    throw new ApiError(403, 'credential_not_allowed', 'This passkey was not offered for this login.');
  }
  return { credential, account: owner };
}

export interface VerifiedAssertion {
  /** hybrid when a phone passkey answered from another device (cross-platform attachment). */
  method: 'passkey' | 'hybrid';
  userVerified: boolean;
  backedUp: boolean;
  backupStateChanged: { from: boolean; to: boolean } | null;
  newCounter: number;
}

/**
 * A login response the library refused after checkClaims passed it. The reply says only that: the library's reason
 * depends on the stored key's algorithm (a junk signature fails ES256's parsing but not RSA's), which would tell a
 * fake passkey from a real one. The reason goes to the server log only (rejections.ts).
 */
export class VerificationFailedError extends ApiError {
  constructor(readonly reason: string) {
    super(400, 'verification_failed', 'The login response did not verify.');
  }
}

export class CounterRegressionError extends ApiError {
  constructor(
    readonly credentialId: string,
    readonly accountId: number,
    detail: Record<string, unknown>,
  ) {
    super(
      403,
      'counter_regression',
      'The authenticator reported a signature counter that went backwards. This can mean the passkey was cloned; the credential has been flagged and the login refused.',
      detail,
    );
  }
}

// The RP ID's SHA-256, which the authenticator data must start with: one per RP ID the lab serves.
const rpIdHashes = new Map<string, Buffer>();
const rpIdHashOf = (rpId: string) => {
  let hash = rpIdHashes.get(rpId);
  if (!hash) rpIdHashes.set(rpId, (hash = createHash('sha256').update(rpId).digest()));
  return hash;
};

/**
 * What the response claims, checked before the library verifies it, so that a refusal names its cause: these checks
 * read only what the sender sent, never the stored key, so their answers are the same for a real passkey and a
 * stand-in. Whatever the library refuses after them (the signature, whose errors differ by the key's algorithm) gets
 * one fixed answer. Returns the signature counter the authenticator reported (undefined if malformed: the library
 * refuses it).
 */
function checkClaims(
  config: Pick<Config, 'publicOrigins' | 'rpId'>,
  userVerification: UserVerification,
  response: AuthenticationResponseJSON,
  claimed: ClientData,
): number | undefined {
  let authenticatorData: ReturnType<typeof parseAuthenticatorData>;
  try {
    authenticatorData = parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData));
  } catch {
    return undefined;
  }
  const refuse = (message: string) => badRequest('verification_failed', message);
  if (claimed.type !== 'webauthn.get') {
    throw refuse(`The response is not a login response (type ${String(claimed.type)}).`);
  }
  if (typeof claimed.origin !== 'string' || !config.publicOrigins.includes(claimed.origin)) {
    throw refuse(
      `The response was signed for the origin ${String(claimed.origin)}; this lab is at ${config.publicOrigins.join(', ')}.`,
    );
  }
  if (!rpIdHashOf(config.rpId).equals(authenticatorData.rpIdHash)) {
    throw refuse(`The response was signed for another RP ID than this lab's (${config.rpId}).`);
  }
  if (!authenticatorData.flags.up) throw refuse('The authenticator reports that no user was present.');
  if (userVerification === 'required' && !authenticatorData.flags.uv) {
    throw refuse('User verification was required, but the authenticator did not verify the user.');
  }
  return authenticatorData.counter;
}

/**
 * Verifies the assertion against the stored credential. A counter that went backwards is reported
 * (CounterRegressionError) only for a response that verifies otherwise, signature included: a forged response must
 * not flag someone's passkey. The library's WebCrypto is the lab's (server/webauthn/webcrypto.ts, installed by
 * server/app.ts): imported keys are cached and the signature is checked on the calling thread.
 */
export async function verifyAssertion(
  config: Pick<Config, 'publicOrigins' | 'rpId'>,
  expectedChallenge: string,
  userVerification: UserVerification,
  credential: StoredCredential,
  response: AuthenticationResponseJSON,
  /** The response's clientDataJSON as the route read it to take the challenge (challenges.ts readClientData). */
  clientData: ClientData,
): Promise<VerifiedAssertion> {
  const counter = checkClaims(config, userVerification, response, clientData);
  const regressed = counter !== undefined && (counter > 0 || credential.counter > 0) && counter <= credential.counter;
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: config.publicOrigins,
      expectedRPID: config.rpId,
      // With a regression, verify everything but the counter (checked above), so the signature decides.
      credential: {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: regressed ? 0 : credential.counter,
        transports: (credential.transports ?? undefined) as AuthenticatorTransport[] | undefined,
      },
      requireUserVerification: userVerification === 'required',
    });
  } catch (error) {
    throw new VerificationFailedError((error as Error).message);
  }
  // A stand-in cannot verify (no one holds its key); the second test keeps it from ever signing anyone in.
  if (!verification.verified || isStandIn(credential)) throw new VerificationFailedError('the signature did not match');
  if (regressed) {
    throw new CounterRegressionError(credential.id, credential.accountId, {
      receivedCounter: counter,
      storedCounter: credential.counter,
    });
  }

  const info = verification.authenticationInfo;
  // A platform passkey that answers as cross-platform came from another device, over hybrid (QR + Bluetooth).
  const fromPhone =
    response.authenticatorAttachment === 'cross-platform' &&
    (credential.attachment === 'platform' || (credential.transports ?? []).includes('hybrid'));
  return {
    method: fromPhone ? 'hybrid' : 'passkey',
    userVerified: info.userVerified,
    backedUp: info.credentialBackedUp,
    backupStateChanged:
      info.credentialBackedUp !== credential.backedUp
        ? { from: credential.backedUp, to: info.credentialBackedUp }
        : null,
    newCounter: info.newCounter,
  };
}
