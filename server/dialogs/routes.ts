import type { FastifyInstance } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { AttemptKey } from '../../db/stranger-attempts.js';
import type { Config } from '../config.js';
import { reduceClient } from '../account/redact.js';
import { ApiError } from '../errors.js';
import { pickLanguage } from '../plugins/pages.js';
import { presentedBinding } from '../webauthn/browser-binding.js';
import { ceremonyRateLimits } from '../webauthn/routes.js';
import { AuthenticationFailureBody, ErrorReply } from '../webauthn/schemas.js';
import { Type, type Static } from 'typebox';
import { compareStrategies } from './best-practice.js';
import { predictForOptions } from './for-options.js';
import { predictDialog } from './predict.js';
import { ClientFactsSchema, CredentialFactsSchema, PredictionInput, PredictionRequest, SCREEN_KINDS } from './types.js';

const CompareBody = Type.Object(
  {
    credentials: Type.Array(CredentialFactsSchema, { maxItems: 64 }),
    client: ClientFactsSchema,
    /** The request as the marketplace-style relying party builds it. */
    marketplace: PredictionRequest,
    userVerification: Type.Optional(Type.Enum(['required', 'preferred', 'discouraged'])),
    locale: Type.Optional(Type.Enum(['ja', 'en'])),
    site: Type.Optional(Type.String({ maxLength: 253 })),
  },
  { additionalProperties: false },
);
type CompareBody = Static<typeof CompareBody>;

// A Map, not an object literal: the key is request data, and "constructor" or "__proto__" must not find an inherited member.
const OUTCOMES = new Map<string, 'cancelled' | 'timed-out'>([
  ['NotAllowedError', 'cancelled'],
  ['AbortError', 'cancelled'],
  ['TimeoutError', 'timed-out'],
]);
/** The DOMException names a WebAuthn call rejects with; another name is a page's own text. */
const ERROR_NAMES = new Set(['NotAllowedError', 'AbortError', 'TimeoutError', 'InvalidStateError', 'NotSupportedError', 'SecurityError', 'ConstraintError', 'UnknownError', 'TypeError', 'NotReadableError', 'OperationError', 'EncodingError', 'DataError', 'NetworkError']);

export async function dialogRoutes(app: FastifyInstance, opts: { repos: Repositories; config: Config }) {
  const { repos, config } = opts;

  // Both predictor routes are public (no session, any assurance): they read only what the body describes.
  app.post<{ Body: PredictionInput }>(
    '/api/dialogs/predict',
    {
      schema: {
        tags: ['dialogs'],
        summary: 'Predict which WebAuthn sheet a client shows for a request, why, and the ways out (public)',
        body: PredictionInput,
        response: { 400: ErrorReply },
      },
    },
    async (request) => predictDialog(request.body, config.rpId),
  );

  app.post<{ Body: CompareBody }>(
    '/api/dialogs/compare',
    {
      schema: {
        tags: ['dialogs'],
        summary: 'For a described account and PC: the marketplace request, immediate UI mode, and the best-practice plan, each predicted (public)',
        body: CompareBody,
        response: { 400: ErrorReply },
      },
    },
    async (request) => compareStrategies(request.body, config.rpId),
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
      const locale = body.locale ?? pickLanguage(request);
      let accountId: number | null = null;
      let username: string | null = null;
      let options: unknown = { allowCredentials: [], hints: [] };
      let strangerAttempt: AttemptKey | undefined;
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
        strangerAttempt = pending.context.strangerAttempt as AttemptKey | undefined;
      }
      const prediction = predictForOptions(repos, { options, accountId, client: body.client, locale }, config.rpId);
      const outcome = OUTCOMES.get(body.name) ?? 'error';
      // A browser not signed in to the account: logged apart from it, with no message, no unknown error name and no
      // full user agent; the owner sees it only as a counted attempt (db/stranger-attempts.ts).
      const byStranger = accountId !== null && request.session.userId !== accountId;
      repos.transaction(() => {
        if (strangerAttempt) repos.strangerAttempts.settle(strangerAttempt, 'unfinished', outcome);
        repos.ceremonies.record({
          accountId: byStranger ? null : accountId,
          username,
          kind: 'authentication.failure',
          outcome,
          errorCode: byStranger && !ERROR_NAMES.has(body.name) ? 'UnknownError' : body.name,
          options,
          client: byStranger ? reduceClient(body.client) : body.client,
          prediction,
          detail: byStranger ? { elapsedMs: body.elapsedMs } : { message: body.message, elapsedMs: body.elapsedMs },
        });
      });
      return { outcome, prediction };
    },
  );
}
