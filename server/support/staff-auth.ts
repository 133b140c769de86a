import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
} from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import type { Static } from 'typebox';
import type { Repositories } from '../../db/index.js';
import type { StaffChallenge, StaffMember } from '../../db/staff.js';
import type { Config } from '../config.js';
import { ApiError, badRequest } from '../errors.js';
import { challengeFromClientData } from '../webauthn/challenges.js';
import { SUPPORTED_ALGORITHM_IDS as SUPPORT_ALGORITHMS } from '../webauthn/registration.js';
import { authenticationResponseJson, registrationResponseJson } from '../webauthn/response-json.js';
import { hashInviteToken } from './invites.js';
import type { EnrollVerifyBody, LoginVerifyBody } from './schemas.js';
import { unusablePasskeyReason } from '../webauthn/usable-passkey.js';

/**
 * Staff passkeys: registered through an enrollment link, used with user verification, kept in staff tables only.
 * A staff passkey offered at the customer login is unknown there, and a customer passkey is unknown here.
 */
export interface StaffDeps {
  config: Pick<Config, 'rpId' | 'rpName' | 'publicOrigins' | 'challengeTtlMs'>;
  repos: Repositories;
  now?: () => number;
}

interface EnrollContext {
  tokenHash: string;
  name: string;
  userHandle: string;
}

function takeChallenge(
  { repos, config }: StaffDeps,
  clientDataJSON: string,
  binding: string,
  ceremony: StaffChallenge['ceremony'],
  now: number,
): StaffChallenge {
  const pending = repos.transaction(() => repos.staff.takeChallenge(challengeFromClientData(clientDataJSON), binding));
  if (!pending || pending.ceremony !== ceremony || pending.expiresAt < now) {
    throw badRequest(
      'unknown_challenge',
      `This answer does not match a staff sign-in started in this browser in the last ${Math.round(config.challengeTtlMs / 60_000)} minutes. Start again.`,
    );
  }
  return pending;
}

type EnrollAnswer = Static<typeof EnrollVerifyBody>['response'];
type LoginAnswer = Static<typeof LoginVerifyBody>['response'];

const inviteRefused = () =>
  new ApiError(
    410,
    'invite_not_valid',
    'This enrollment link has been used, has expired or was never issued. Ask a staff member for a new one.',
  );

export async function enrollOptions(deps: StaffDeps, binding: string, token: string, name: string) {
  const now = deps.now?.() ?? Date.now();
  const tokenHash = hashInviteToken(token);
  if (!deps.repos.staff.isInviteLive(tokenHash, now)) throw inviteRefused();
  const userHandle = randomBytes(32).toString('base64url');
  const options = await generateRegistrationOptions({
    rpName: `${deps.config.rpName} (support)`,
    rpID: deps.config.rpId,
    // The passkey's name in the customer's own password manager would be confusing: say it is a staff key.
    userName: `${name} (support staff)`,
    userDisplayName: `${name} (support staff)`,
    userID: Buffer.from(userHandle, 'base64url'),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORT_ALGORITHMS,
    timeout: 120_000,
  });
  const context: EnrollContext = { tokenHash, name, userHandle };
  deps.repos.transaction(() =>
    deps.repos.staff.saveChallenge({
      challenge: options.challenge,
      binding,
      ceremony: 'enroll',
      context: { ...context },
      expiresAt: now + deps.config.challengeTtlMs,
    }),
  );
  return options;
}

export async function enrollVerify(deps: StaffDeps, binding: string, answer: EnrollAnswer): Promise<StaffMember> {
  const response = registrationResponseJson(answer);
  const now = deps.now?.() ?? Date.now();
  const pending = takeChallenge(deps, response.response.clientDataJSON, binding, 'enroll', now);
  const context = pending.context as unknown as EnrollContext;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: deps.config.publicOrigins,
      expectedRPID: deps.config.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORT_ALGORITHMS,
    });
  } catch (error) {
    throw badRequest('verification_failed', `The passkey's answer did not verify: ${(error as Error).message}`);
  }
  if (!verification.verified || !verification.registrationInfo)
    throw badRequest('verification_failed', "The passkey's answer did not verify.");
  const info = verification.registrationInfo;
  const unusable = unusablePasskeyReason(info.credential.id, info.credential.publicKey);
  if (unusable) throw badRequest('passkey_unusable', `This passkey could never be used to sign in: ${unusable}.`);
  const { repos } = deps;
  return repos.transaction(() => {
    if (repos.staff.findCredential(info.credential.id))
      throw new ApiError(409, 'credential_exists', 'This passkey is already enrolled.');
    const inviter = repos.staff.inviterOf(context.tokenHash);
    const member = repos.staff.create(context.name, context.userHandle, inviter, now);
    // Marking the invite used in the same unit: if another browser used it first, nothing of this enrollment stays.
    if (!repos.staff.useInvite(context.tokenHash, member.id, now)) throw inviteRefused();
    repos.staff.addCredential(
      {
        id: info.credential.id,
        staffId: member.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports?.length ? [...info.credential.transports] : null,
      },
      now,
    );
    // Who joined the console, and through whose invitation (none: the invitation printed at the terminal).
    repos.audit.append(member.id, 'staff.enrolled', null, { invitedBy: inviter }, now);
    return member;
  });
}

export async function loginOptions(deps: StaffDeps, binding: string) {
  const now = deps.now?.() ?? Date.now();
  // No list of passkeys: the browser offers the staff passkeys it holds for this site, and nothing is revealed.
  const options = await generateAuthenticationOptions({
    rpID: deps.config.rpId,
    userVerification: 'required',
    timeout: 120_000,
  });
  deps.repos.transaction(() =>
    deps.repos.staff.saveChallenge({
      challenge: options.challenge,
      binding,
      ceremony: 'login',
      context: {},
      expiresAt: now + deps.config.challengeTtlMs,
    }),
  );
  return options;
}

export async function loginVerify(deps: StaffDeps, binding: string, answer: LoginAnswer): Promise<StaffMember> {
  const response = authenticationResponseJson(answer);
  const now = deps.now?.() ?? Date.now();
  const pending = takeChallenge(deps, response.response.clientDataJSON, binding, 'login', now);
  const credential = deps.repos.staff.findCredential(response.id);
  const member = credential && deps.repos.staff.findById(credential.staffId);
  if (!credential || !member)
    throw new ApiError(
      403,
      'not_a_staff_passkey',
      'This passkey is not a support staff passkey. Staff enroll through an invitation link.',
    );
  if (response.response.userHandle && response.response.userHandle !== member.userHandle) {
    throw new ApiError(
      403,
      'not_a_staff_passkey',
      'This passkey is not a support staff passkey. Staff enroll through an invitation link.',
    );
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
      requireUserVerification: true,
    });
  } catch (error) {
    throw badRequest('verification_failed', `The passkey's answer did not verify: ${(error as Error).message}`);
  }
  if (!verification.verified) throw badRequest('verification_failed', "The passkey's answer did not verify.");
  deps.repos.transaction(() => {
    deps.repos.staff.recordUse(credential.id, verification.authenticationInfo.newCounter, now);
    deps.repos.audit.append(member.id, 'staff.signed-in', null, undefined, now);
  });
  return member;
}
