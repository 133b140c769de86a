import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
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

/**
 * Checks that the passkey that answered may sign in to the account the challenge was issued for. An id the
 * username-first options listed but the lab does not hold is one of the fakes a name without passkeys was given (or a
 * passkey deleted since): it is checked as a stand-in with a key no one holds (fake-credentials.ts), so the answer
 * fails where a real passkey's wrong signature fails, with the same reply, and a stranger cannot tell the two names
 * apart. Any other unknown id is `unknown_credential`, which the login page passes to the browser's Signal API.
 */
export function checkAssertionCredential(
  pending: PendingChallenge,
  context: AuthenticationContext,
  found: { credential: StoredCredential | undefined; owner: Account | undefined },
  response: AuthenticationResponseJSON,
): { credential: StoredCredential; account: Account } {
  let { credential, owner } = found;
  if ((!credential || !owner) && context.options.allowCredentials?.some((listed) => listed.id === response.id)) {
    credential = standInCredential(response.id, pending.accountId ?? 0);
    owner = { id: credential.accountId, username: '', displayName: '', userHandle: randomId(18), createdAt: 0 };
  }
  if (!credential || !owner) {
    throw badRequest(
      'unknown_credential',
      'This passkey is not registered here (it may have been deleted). Use another passkey or a fallback login.',
    );
  }
  if (pending.accountId !== null && credential.accountId !== pending.accountId) {
    throw new ApiError(
      403,
      'credential_not_allowed',
      'This passkey belongs to a different account than the one being signed in to.',
    );
  }
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== owner.userHandle) {
    throw new ApiError(
      403,
      'user_handle_mismatch',
      "The user handle returned by the authenticator does not belong to this passkey's account.",
    );
  }
  if (context.username === null && !userHandle) {
    throw badRequest(
      'user_handle_missing',
      'A usernameless login needs the authenticator to return the user handle (a discoverable credential).',
    );
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

/** The signature counter the authenticator reported, read before verifying (undefined if malformed). */
function reportedCounter(response: AuthenticationResponseJSON): number | undefined {
  try {
    return parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData)).counter;
  } catch {
    return undefined;
  }
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
): Promise<VerifiedAssertion> {
  const counter = reportedCounter(response);
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
    throw badRequest('verification_failed', `The login response did not verify: ${(error as Error).message}`);
  }
  // A stand-in cannot verify (no one holds its key); the second test keeps it from ever signing anyone in.
  if (!verification.verified || isStandIn(credential)) {
    throw badRequest('verification_failed', 'The login response did not verify.');
  }
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
