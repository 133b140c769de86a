import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reduceClient } from '../account/redact.js';
import { predictForOptions } from '../dialogs/for-options.js';
import { ApiError } from '../errors.js';
import { ceremonyRateLimits } from '../plugins/ceremony-limits.js';
import { presentedBinding } from '../session/browser-binding.js';
import { readAuthenticationContext } from './authentication.js';
import type { WebAuthnRouteOptions } from './route-options.js';
import { AuthenticationFailureBody, AuthenticationFailureReply, ErrorReply } from './schemas.js';

// A Map, not an object literal: the key is request data, and "constructor" or "__proto__" must not find an
// inherited member.
const OUTCOMES = new Map<string, 'cancelled' | 'timed-out'>([
  ['NotAllowedError', 'cancelled'],
  ['AbortError', 'cancelled'],
  ['TimeoutError', 'timed-out'],
]);
/** The DOMException names a WebAuthn call rejects with; another name is a page's own text. */
const ERROR_NAMES = new Set([
  'NotAllowedError',
  'AbortError',
  'TimeoutError',
  'InvalidStateError',
  'NotSupportedError',
  'SecurityError',
  'ConstraintError',
  'UnknownError',
  'TypeError',
  'NotReadableError',
  'OperationError',
  'EncodingError',
  'DataError',
  'NetworkError',
]);

/** POST /api/authentication/failure: the browser that asked for the options (its binding takes the challenge). */
export const failureRoute: FastifyPluginAsyncTypebox<WebAuthnRouteOptions> = async (app, { config, repos }) => {
  // The page reports a failed navigator.credentials.get(); the lab logs it and explains the sheet the user likely saw.
  app.post(
    '/api/authentication/failure',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Report a failed or cancelled browser call; returns the explanation for it',
        body: AuthenticationFailureBody,
        response: {
          200: AuthenticationFailureReply,
          400: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
          429: ErrorReply,
        },
      },
      config: { assurance: 'anyone' },
      preHandler: ceremonyRateLimits(app, config.rateLimitPerMinute),
    },
    async (request) => {
      const body = request.body;
      const locale = body.locale ?? request.lang;
      const binding = presentedBinding(request);
      const outcome = OUTCOMES.get(body.name) ?? ('error' as const);
      // One transaction: the challenge is taken, the attempt settled and the failure logged together.
      const prediction = repos.transaction(() => {
        // Taken with the binding in the same statement: a report from another browser cannot cancel someone's login.
        const pending =
          body.challenge && binding !== undefined ? repos.challenges.take(body.challenge, binding) : undefined;
        if (body.challenge && !pending) {
          throw new ApiError(
            404,
            'unknown_challenge',
            'No pending login with this challenge in this session; the failure cannot be tied to a request.',
          );
        }
        // A signup's challenge is refused (and, the transaction undone, stays pending for its own ceremony).
        const context = pending && readAuthenticationContext(pending);
        const accountId = pending?.accountId ?? null;
        const options: unknown = context?.options ?? { allowCredentials: [], hints: [] };
        const strangerAttempt = context?.strangerAttempt;
        // A browser not signed in to the account: logged apart from it, with no message, no unknown error name and no
        // full user agent; the owner sees it only as a counted attempt (db/stranger-attempts.ts). Its explanation is
        // made from the options it was sent only, as for a name without passkeys: what the lab stores about the
        // owner's passkeys (where they are kept, which browser made them) is not for a stranger.
        const byStranger = accountId !== null && request.session.userId !== accountId;
        const explained = predictForOptions(
          repos,
          { options, accountId: byStranger ? null : accountId, client: body.client, locale },
          config.rpId,
        );
        if (strangerAttempt) repos.strangerAttempts.settle(strangerAttempt, 'unfinished', outcome);
        repos.ceremonies.record({
          accountId: byStranger ? null : accountId,
          username: context?.username ?? null,
          kind: 'authentication.failure',
          outcome,
          errorCode: byStranger && !ERROR_NAMES.has(body.name) ? 'UnknownError' : body.name,
          options,
          client: byStranger ? reduceClient(body.client) : body.client,
          prediction: explained,
          detail: byStranger ? { elapsedMs: body.elapsedMs } : { message: body.message, elapsedMs: body.elapsedMs },
        });
        return explained;
      });
      return { outcome, prediction };
    },
  );
};
