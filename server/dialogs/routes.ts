import type { FastifyInstance } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
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

const OUTCOMES: Record<string, 'cancelled' | 'timed-out' | 'error'> = {
  NotAllowedError: 'cancelled',
  AbortError: 'cancelled',
  TimeoutError: 'timed-out',
};

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
      if (body.challenge) {
        const pending = repos.challenges.take(body.challenge);
        if (!pending || pending.binding !== presentedBinding(request)) {
          throw new ApiError(404, 'unknown_challenge', 'No pending login with this challenge in this session; the failure cannot be tied to a request.');
        }
        accountId = pending.accountId;
        username = (pending.context.username as string | null) ?? null;
        options = pending.context.options ?? options;
      }
      const prediction = predictForOptions(repos, { options, accountId, client: body.client, locale }, config.rpId);
      const outcome = OUTCOMES[body.name] ?? 'error';
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
