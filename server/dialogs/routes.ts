import type { FastifyInstance } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ErrorReply } from '../http-schemas.js';
import { Type, type Static } from 'typebox';
import { compareStrategies } from './best-practice.js';
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

export async function dialogRoutes(app: FastifyInstance, opts: { repos: Repositories; config: Config }) {
  const { config } = opts;

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
      config: { assurance: 'anyone' },
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
      config: { assurance: 'anyone' },
    },
    async (request) => compareStrategies(request.body, config.rpId),
  );

  app.get('/api/dialogs/kinds', { schema: { tags: ['dialogs'], summary: 'Every screen kind the predictor can answer' }, config: { assurance: 'anyone' } }, async () => ({ kinds: SCREEN_KINDS }));
}
