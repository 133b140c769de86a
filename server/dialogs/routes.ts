import type { FastifyInstance } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { presentedBinding } from '../webauthn/browser-binding.js';
import { ceremonyRateLimits } from '../webauthn/routes.js';
import { AuthenticationFailureBody, ErrorReply } from '../webauthn/schemas.js';
import { predictForOptions } from './for-options.js';
import { predictDialog } from './predict.js';
import { PredictionInput, SCREEN_KINDS } from './types.js';

// A Map, not an object literal: the key is request data, and "constructor" or "__proto__" must not find an inherited member.
const OUTCOMES = new Map<string, 'cancelled' | 'timed-out'>([
  ['NotAllowedError', 'cancelled'],
  ['AbortError', 'cancelled'],
  ['TimeoutError', 'timed-out'],
]);

export async function dialogRoutes(app: FastifyInstance, opts: { repos: Repositories; config: Config }) {
  const { repos, config } = opts;

  app.post<{ Body: PredictionInput }>(
    '/api/dialogs/predict',
    {
      schema: {
        tags: ['dialogs'],
        summary: 'Predict which WebAuthn sheet a client shows for a request, why, and the ways out',
        body: PredictionInput,
        response: { 400: ErrorReply },
      },
    },
    async (request) => predictDialog(request.body, config.rpId),
  );

  app.get('/api/dialogs/kinds', { schema: { tags: ['dialogs'], summary: 'Every screen kind the predictor can answer' } }, async () => ({ kinds: SCREEN_KINDS }));

  // The page reports a failed navigator.credentials.get(); the lab logs it and explains the sheet the user likely saw.
  app.post<{ Body: AuthenticationFailureBody }>(
    '/api/authentication/failure',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Report a failed or cancelled browser call; returns the explanation for it',
        body: AuthenticationFailureBody,
        response: { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 429: ErrorReply },
      },
      preHandler: ceremonyRateLimits(app, config.rateLimitPerMinute),
    },
    async (request) => {
      const body = request.body;
      const locale = body.locale ?? request.session.lang ?? 'en';
      let accountId: number | null = null;
      let username: string | null = null;
      let options: unknown = { allowCredentials: [], hints: [] };
      if (body.challenge) {
        const binding = presentedBinding(request);
        // Taken with the binding in the same statement: a report from another browser cannot cancel someone's login.
        const pending = binding === undefined ? undefined : repos.challenges.take(body.challenge, binding);
        if (!pending) {
          throw new ApiError(404, 'unknown_challenge', 'No pending login with this challenge in this session; the failure cannot be tied to a request.');
        }
        accountId = pending.accountId;
        username = (pending.context.username as string | null) ?? null;
        options = pending.context.options ?? options;
      }
      const prediction = predictForOptions(repos, { options, accountId, client: body.client, locale }, config.rpId);
      const outcome = OUTCOMES.get(body.name) ?? 'error';
      repos.ceremonies.record({
        accountId,
        username,
        kind: 'authentication.failure',
        outcome,
        errorCode: body.name,
        options,
        client: body.client,
        prediction,
        detail: { message: body.message, elapsedMs: body.elapsedMs },
      });
      return { outcome, prediction };
    },
  );
}
