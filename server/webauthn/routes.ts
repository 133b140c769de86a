import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ApiError, badRequest } from '../errors.js';
import { adviceFor, bestPracticeRequest, type Advice } from '../dialogs/best-practice.js';
import { immediateGetSupported } from '../dialogs/client-facts.js';
import { reduceClient } from '../account/redact.js';
import { classifyForOptions } from '../dialogs/for-options.js';
import { accountRateLimit } from '../plugins/account-limit.js';
import { signIn } from '../session/sign-in.js';
import { browserBinding } from './browser-binding.js';
import { sourceOf } from './stranger-attempts.js';
import { createAuthenticationOptions, verifyAuthentication, CounterRegressionError } from './authentication.js';
import { createRegistrationOptions, verifyRegistration, type SessionView } from './registration.js';
import {
  AuthenticationOptionsBody,
  AuthenticationVerifyBody,
  ErrorReply,
  RegistrationOptionsBody,
  RegistrationVerifyBody,
} from './schemas.js';

export interface WebAuthnRouteOptions {
  config: Config;
  repos: Repositories;
  fakeCredentialKey: string;
}

export function sessionView(request: FastifyRequest, reply: FastifyReply, secure: boolean, sourceKey: string): SessionView {
  return {
    source: sourceOf(request.ip, sourceKey),
    binding: browserBinding(request, reply, secure),
    sessionId: request.session.sessionId,
    userId: request.session.userId,
    assurance: request.session.assurance,
    recovered: request.session.recovered,
  };
}

export async function webauthnRoutes(app: FastifyInstance, opts: WebAuthnRouteOptions) {
  const { repos } = opts;
  const deps = { config: opts.config, repos };
  const secure = opts.config.secureOrigins;
  const limits = ceremonyRateLimits(app, opts.config.rateLimitPerMinute);
  // The fake-credential key also keys the hash of source addresses (stranger-attempts.ts): both only need to be secret.
  const view = (request: FastifyRequest, reply: FastifyReply) => sessionView(request, reply, secure, opts.fakeCredentialKey);
  const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 409: ErrorReply, 429: ErrorReply };

  app.post<{ Body: RegistrationOptionsBody }>(
    '/api/registration/options',
    {
      schema: { tags: ['registration'], summary: 'Creation options for a new account or a new passkey', body: RegistrationOptionsBody, response: errors },
      preHandler: limits,
    },
    async (request, reply) => {
      const { options } = await createRegistrationOptions(deps, view(request, reply), request.body, ({ options, accountId }) => {
        repos.ceremonies.record({ accountId, username: request.body.username, kind: 'registration.options', outcome: 'issued', options });
      });
      return options;
    },
  );

  app.post<{ Body: RegistrationVerifyBody }>(
    '/api/registration/verify',
    {
      schema: { tags: ['registration'], summary: 'Verify a registration response and sign in', body: RegistrationVerifyBody, response: errors },
      preHandler: limits,
    },
    async (request, reply) => {
      const { response, client, label } = request.body;
      try {
        const result = await verifyRegistration(deps, view(request, reply), response as unknown as RegistrationResponseJSON, client, label, (verified) => {
          repos.ceremonies.record({
            accountId: verified.account.id,
            username: verified.account.username,
            kind: 'registration.verify',
            outcome: 'verified',
            response,
            client,
            detail: { credential: verified.credential },
          });
        });
        // A new account signs in; a recovered session is now backed by its new passkey.
        if (request.session.userId !== result.account.id || request.session.recovered) {
          await signIn(request, result.account, 'passkey', 'high', result.credential.id);
        }
        return { verified: true, credential: result.credential };
      } catch (error) {
        recordRejection(repos, request, 'registration.verify', error, response, client);
        throw error;
      }
    },
  );

  app.post<{ Body: AuthenticationOptionsBody }>(
    '/api/authentication/options',
    {
      schema: { tags: ['authentication'], summary: 'Request options: username-first (allowCredentials) or usernameless', body: AuthenticationOptionsBody, response: errors },
      preHandler: limits,
    },
    async (request, reply) => {
      const body = request.body;
      const strategy = body.strategy ?? 'marketplace';
      refuseUnsupportedImmediate(body);
      const ceremonyRequest: Parameters<typeof createAuthenticationOptions>[2] =
        strategy === 'best-practice'
          ? {
              ...body,
              plan: (credentials, knownAccount) => {
                const practice = bestPracticeRequest(credentials, body.client);
                // An unknown username (or one without passkeys) comes here with its fakes' shapes as if they were real.
                const hints = body.hints ?? (body.username && !knownAccount ? ['hybrid' as const] : practice.hints);
                return { hints, ...(knownAccount ? { transportsFor: practice.transportsFor } : {}) };
              },
            }
          : body;
      const { options } = await createAuthenticationOptions(
        { ...deps, fakeCredentialKey: opts.fakeCredentialKey },
        view(request, reply),
        ceremonyRequest,
        ({ options, accountId, credentials, byStranger }) => {
          const prediction = classifyForOptions(repos, { options, accountId, client: body.client, locale: 'en', credentials, ...(body.uiMode ? { uiMode: body.uiMode } : {}) }, opts.config.rpId);
          let advice: Advice = 'proceed';
          if (strategy === 'best-practice') advice = adviceFor(prediction.kind, credentials, body.client);
          reply.header('x-lab-advice', advice);
          repos.ceremonies.record({
            // A browser not signed in to this account is logged apart from it (no account, no full user agent): the
            // owner sees such attempts only as counts (db/stranger-attempts.ts), and they cannot flush the history.
            accountId: byStranger ? null : accountId,
            username: body.username ?? null,
            kind: 'authentication.options',
            outcome: 'issued',
            options,
            client: byStranger ? reduceClient(body.client) : body.client,
            // The decision only; the localised explanation is rendered from the same pure function when someone reads it.
            prediction,
            detail: { transportsMode: body.transportsMode ?? 'stored', strategy, advice, ...(body.uiMode ? { uiMode: body.uiMode } : {}) },
          });
        },
      );
      return options;
    },
  );

  app.post<{ Body: AuthenticationVerifyBody }>(
    '/api/authentication/verify',
    {
      schema: { tags: ['authentication'], summary: 'Verify a login response and sign in', body: AuthenticationVerifyBody, response: errors },
      preHandler: limits,
    },
    async (request, reply) => {
      const { response, client } = request.body;
      try {
        const result = await verifyAuthentication(deps, view(request, reply), response as unknown as AuthenticationResponseJSON, (verified) => {
          repos.ceremonies.record({
            accountId: verified.account.id,
            username: verified.account.username,
            kind: 'authentication.verify',
            outcome: 'verified',
            options: verified.options,
            response,
            client,
            detail: {
              credentialId: verified.credential.id,
              method: verified.method,
              userVerified: verified.userVerified,
              newCounter: verified.newCounter,
              backupStateChanged: verified.backupStateChanged,
            },
          });
        });
        await signIn(request, result.account, result.method, 'high', result.credential.id);
        return { verified: true, user: { username: result.account.username }, method: result.method };
      } catch (error) {
        recordRejection(repos, request, 'authentication.verify', error, response, client);
        throw error;
      }
    },
  );
}

/**
 * Immediate UI mode: only for a browser that reported immediateGet (elsewhere uiMode is ignored and the call is a
 * modal get()), and only with an empty allow list (the browser rejects any allowCredentials in immediate mode).
 */
function refuseUnsupportedImmediate(body: AuthenticationOptionsBody) {
  if (body.uiMode !== 'immediate') return;
  if (!immediateGetSupported(body.client)) {
    throw badRequest('immediate_unsupported', 'This browser did not report immediateGet in getClientCapabilities(), so immediate UI mode is not used with it.');
  }
  if (body.username !== undefined) {
    throw badRequest('immediate_needs_usernameless', 'Immediate UI mode needs an empty allow list: ask for options without a username.');
  }
}

function recordRejection(repos: Repositories, request: FastifyRequest, kind: string, error: unknown, response: unknown, client: unknown) {
  if (!(error instanceof ApiError)) return;
  const regression = error instanceof CounterRegressionError;
  repos.ceremonies.record({
    accountId: regression ? error.accountId : (request.session.userId ?? null),
    username: request.session.username ?? null,
    kind,
    outcome: 'rejected',
    errorCode: error.code,
    response,
    // A regression is written to the credential's account even when another browser sent it: keep no full user agent.
    client: regression && request.session.userId !== error.accountId ? reduceClient(client) : client,
    detail: { message: error.message, ...(error.detail ?? {}) },
  });
}

/** How much higher the account-wide ceiling is than one source's allowance (docs/security.md, "Rate limits"). */
export const ACCOUNT_CEILING_FACTOR = 5;

/**
 * Per-IP, per-(account, source) and per-account limits on every ceremony route, answered with a 429 and Retry-After.
 * Usernameless requests name no account, so they only meet the per-IP limit.
 */
export function ceremonyRateLimits(app: FastifyInstance, perMinute: number) {
  return [
    app.rateLimit({ max: perMinute, timeWindow: 60_000 }),
    accountRateLimit({ perSource: perMinute, perAccount: perMinute * ACCOUNT_CEILING_FACTOR }, (request) => {
      const body = request.body as { username?: unknown } | undefined;
      if (typeof body?.username === 'string') return `account:${body.username}`;
      return request.session?.userId !== undefined ? `account-id:${request.session.userId}` : undefined;
    }),
  ];
}

