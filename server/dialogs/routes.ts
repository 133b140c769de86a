import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ErrorReply } from '../http-schemas.js';
import { Type } from 'typebox';
import { ComparisonSchema, compareStrategies } from './best-practice.js';
import { predictDialog } from './predict.js';
import {
  ClientFactsSchema,
  CredentialFactsSchema,
  PredictionInput,
  PredictionRequest,
  PredictionSchema,
  SCREEN_KINDS,
} from './types.js';

const KindsReply = Type.Object({ kinds: Type.Array(Type.String()) });

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

export const dialogRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; config: Config }> = async (app, opts) => {
  const { config } = opts;

  // Both predictor routes are public (no session, any assurance): they read only what the body describes.
  app.post(
    '/api/dialogs/predict',
    {
      schema: {
        tags: ['dialogs'],
        summary: 'Predict which WebAuthn sheet a client shows for a request, why, and the ways out (public)',
        body: PredictionInput,
        response: { 200: PredictionSchema, 400: ErrorReply },
      },
      config: { assurance: 'anyone' },
    },
    async (request) => predictDialog(request.body, config.rpId),
  );

  app.post(
    '/api/dialogs/compare',
    {
      schema: {
        tags: ['dialogs'],
        summary:
          'For a described account and PC: the marketplace request, immediate UI mode, and the best-practice plan, each predicted (public)',
        body: CompareBody,
        response: { 200: ComparisonSchema, 400: ErrorReply },
      },
      config: { assurance: 'anyone' },
    },
    async (request) => compareStrategies(request.body, config.rpId),
  );

  app.get(
    '/api/dialogs/kinds',
    {
      schema: {
        tags: ['dialogs'],
        summary: 'Every screen kind the predictor can answer',
        response: { 200: KindsReply },
      },
      config: { assurance: 'anyone' },
    },
    async () => ({ kinds: [...SCREEN_KINDS] }),
  );
};
