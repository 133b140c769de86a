import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Account } from '../../db/accounts.js';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';

/**
 * Who may call a route, declared on every route: `config: { assurance: 'passkey' }`. One rule for every credential
 * change (docs/security.md, "Assurance levels"):
 * - anyone: no check (the route reads only what the request describes, or decides for itself, as sign-up does);
 * - signed-out: no customer signed in (no userId; a session row without one, such as a fallback login's start or a
 *   staff session, passes). Identity proofing starts from a signed-out browser, so a fallback session cannot escalate
 *   through it;
 * - signed-in: any session of an existing account, fallback (low) included;
 * - passkey: a passkey was verified in this session (high), and that passkey is still on the account;
 * - passkey-from-before-recovery: high, and while a recovery hold runs (RECOVERY_HOLD_MS from the last recovery), the
 *   passkey that gave the session its assurance was registered before the recovery that started the hold. Destructive changes (delete a passkey, unlink a login)
 *   need it, so whoever completed a recovery cannot remove what the owner had.
 * - staff: a support staff member signed in with a staff passkey (server/support). Customer sessions of any assurance
 *   and strangers get 403 alike, so the support console's routes do not reveal whether a customer session exists.
 */
export type RequiredAssurance =
  'anyone' | 'signed-out' | 'signed-in' | 'passkey' | 'passkey-from-before-recovery' | 'staff';

/** A week: the owner, signed out everywhere by the recovery, has that long to notice and act with an older passkey. */
export const RECOVERY_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The assurance a caller needs; a function when it depends on the (parsed, not yet validated) request. */
    assurance?: RequiredAssurance | ((request: FastifyRequest) => RequiredAssurance);
  }
  interface FastifyRequest {
    /** The signed-in account, resolved once by the assurance check; null on routes that do not need one. */
    account: Account | null;
  }
}

const WHO: Record<RequiredAssurance, string> = {
  anyone: 'anyone, signed in or not',
  'signed-out': 'a signed-out browser only',
  'signed-in': 'any signed-in session (fallback logins included)',
  passkey: 'a session with a passkey verified, that passkey still on the account (passkey assurance)',
  'passkey-from-before-recovery':
    "passkey assurance from a passkey registered before the account's last recovery (or once the recovery hold has passed)",
  staff: 'support staff signed in with a staff passkey (customer sessions and strangers get 403)',
};

/**
 * The passkey that gave a high session its assurance must still be on the account; returns it. Deleting a passkey
 * ends the other sessions signed in with it; this catches any that escaped (a reply of that session, loaded before the
 * deletion, saving it after). One read, only where passkey assurance is asked: the login routes are 'anyone'.
 */
export function checkSessionPasskey(repos: Repositories, accountId: number, passkeyId: string | undefined) {
  const passkey = passkeyId === undefined ? undefined : repos.credentials.findById(passkeyId);
  if (!passkey || passkey.accountId !== accountId) {
    throw new ApiError(
      403,
      'passkey_removed',
      'The passkey this session was confirmed with has been removed. Confirm with another passkey first.',
    );
  }
  return passkey;
}

/** Refuses a caller below `level` (an ApiError); returns the signed-in account for the levels that need one. */
export function checkAssurance(
  repos: Repositories,
  request: FastifyRequest,
  level: RequiredAssurance,
  now = Date.now(),
): Account | null {
  if (level === 'anyone') return null;
  const { userId, assurance, passkeyId } = request.session;
  if (level === 'staff') {
    const { staffId, staffVia } = request.session;
    if (staffId === undefined || staffVia !== 'passkey' || userId !== undefined || !repos.staff.findById(staffId)) {
      throw new ApiError(403, 'staff_only', 'This page is for support staff signed in with a staff passkey.');
    }
    return null;
  }
  if (level === 'signed-out') {
    if (userId !== undefined)
      throw new ApiError(403, 'sign_out_first', 'Identity proofing starts from a signed-out browser. Sign out first.');
    return null;
  }
  const account = userId === undefined ? undefined : repos.accounts.findById(userId);
  if (!account) throw new ApiError(401, 'sign_in_required', 'Sign in first.');
  if (level === 'signed-in') return account;
  if (assurance !== 'high') {
    throw new ApiError(
      403,
      'step_up_required',
      'This change needs a passkey confirmation (step-up): you signed in with a fallback login or through recovery, or removed the passkey you signed in with.',
    );
  }
  const passkey = checkSessionPasskey(repos, account.id, passkeyId);
  if (level === 'passkey') return account;
  const hold = repos.recovery.runningHold(account.id, now);
  if (!hold || passkey.createdAt < hold.since) return account;
  throw new ApiError(
    403,
    'original_passkey_required',
    'Your account was recovered recently. Deleting passkeys or unlinking logins needs a confirmation with a passkey you had before the recovery (or waiting until the recovery hold ends).',
    { holdEndsAt: hold.until },
  );
}

/**
 * Adds the check to every route that declares `config.assurance`, and says who may call it in the OpenAPI text.
 * The check runs first among the route's preValidation hooks, before its body is validated or its CSRF token read: a
 * caller who may not call the route learns only that (401/403), not what a valid body looks like. It decorates the
 * request with the account it resolved, so a handler reads `signedInAccount(request)` and never checks by hand.
 * tests/api/route-assurance.test.ts walks every route and checks each one declares a level and enforces it.
 */
export const assurancePlugin = fp<{ repos: Repositories }>(async (app: FastifyInstance, { repos }) => {
  app.decorateRequest('account', null);
  app.addHook('onRoute', (route) => {
    const required = route.config?.assurance;
    if (required === undefined) return;
    if (required !== 'anyone') {
      const check: preValidationAsyncHookHandler = async (request) => {
        request.account = checkAssurance(repos, request, typeof required === 'function' ? required(request) : required);
      };
      const existing =
        route.preValidation === undefined
          ? []
          : Array.isArray(route.preValidation)
            ? route.preValidation
            : [route.preValidation];
      route.preValidation = [check, ...existing];
    }
    // Said once: a route may already explain it in its own words (the support console's public routes do).
    if (route.schema && !route.schema.description?.includes('Who may call:')) {
      const who = typeof required === 'function' ? 'depends on the request (see docs/security.md)' : WHO[required];
      route.schema = {
        ...route.schema,
        description: [route.schema.description, `Who may call: ${who}.`].filter(Boolean).join(' '),
      };
    }
  });
});

/**
 * For plugins that take no route options (@fastify/static, swagger-ui): call it in an encapsulated context before
 * registering them, and every route they add there declares 'anyone'. Only 'anyone', the level that needs no check:
 * no check is added here (this hook runs after the assurance plugin's own, or where that plugin is not registered yet),
 * so a route there that declares another level stops the start-up instead of being served unchecked.
 */
export function everyoneMayCallRoutesHere(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const declared = (route.config as { assurance?: string } | undefined)?.assurance;
    if (declared !== undefined && declared !== 'anyone') {
      throw new Error(`${route.method} ${route.url} declares '${declared}' where only 'anyone' can be declared`);
    }
    route.config = { ...route.config, assurance: 'anyone' };
  });
}
