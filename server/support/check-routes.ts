import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { predictDialog } from '../dialogs/predict.js';
import { ErrorReply } from '../http-schemas.js';
import { ZERO_AAGUID } from '../passkey-providers.js';
import { fakeCredentialsFor } from '../webauthn/fake-credentials.js';
import { deviceFromCheck } from './check-facts.js';
import { CHECK_CODE_TTL_MS, hashCheckCode, newCheckCode } from './check-codes.js';
import { inputFor } from './matrix.js';
import { pageDocument } from '../plugins/pages.js';
import { CheckCodeSentReply, CheckPredictBody, CheckPredictReply, CheckSendBody } from './schemas.js';

/**
 * The passkeys the sheet is predicted from: only what the sign-in request itself reveals to anyone who types the name
 * (ids and stored transports), for a real account and, shaped the same way, for an unknown name. The answer cannot
 * tell the two apart any better than the login page can.
 */
function publicShapes(repos: Repositories, fakeKey: string, username: string): StoredCredential[] {
  const account = repos.accounts.findByUsername(username);
  const real = account ? repos.credentials.listForAccount(account.id) : [];
  const shapes = real.length
    ? real.map((c) => ({ id: c.id, transports: c.transports }))
    : fakeCredentialsFor(username, fakeKey).map((f) => ({ id: f.id, transports: f.transports }));
  return shapes.map((shape) => ({
    ...shape,
    accountId: 0,
    publicKey: new Uint8Array(),
    counter: 0,
    deviceType: 'multiDevice',
    backedUp: true,
    aaguid: ZERO_AAGUID,
    attestationFormat: 'none',
    attachment: null,
    credPropsRk: null,
    label: null,
    registeredClient: null,
    flaggedClone: false,
    createdAt: 0,
    lastUsedAt: null,
  }));
}

/** The customer self-check (/check): open to anyone, rate-limited, nothing about passkeys in or out. */
export const checkRoutes: FastifyPluginAsyncTypebox<{
  repos: Repositories;
  config: Config;
  fakeCredentialKey: string;
}> = async (app, opts) => {
  const { repos } = opts;
  const limit = app.rateLimit({ max: Math.min(opts.config.rateLimitPerMinute, 20), timeWindow: 60_000 });
  const anyone = 'Who may call: anyone (rate-limited per address).';
  const errors = { 400: ErrorReply, 429: ErrorReply };

  app.get('/check', { schema: { hide: true }, config: { assurance: 'anyone' } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(pageDocument('check', request.lang)),
  );

  app.post(
    '/api/check/predict',
    {
      schema: {
        tags: ['support'],
        summary: 'The sheet this PC will most likely show for a username (same answer shape for unknown names)',
        description: anyone,
        body: CheckPredictBody,
        response: { 200: CheckPredictReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request) => {
      const device = deviceFromCheck(request.body.facts);
      const credentials = request.body.username
        ? publicShapes(repos, opts.fakeCredentialKey, request.body.username)
        : [];
      const prediction = predictDialog(
        inputFor(credentials, { id: 'check', group: 'other', client: device.client }, request.lang, opts.config.rpId),
        opts.config.rpId,
      );
      return {
        device: device.client,
        matrixDevice: device.matrixDevice,
        screen: prediction.screen,
        then: prediction.then,
      };
    },
  );

  app.post(
    '/api/check/codes',
    {
      schema: {
        tags: ['support'],
        summary: 'Send the detected facts to support (with consent): a code valid 24 hours',
        description: anyone,
        body: CheckSendBody,
        response: { 200: CheckCodeSentReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limit,
    },
    async (request) => {
      const code = newCheckCode();
      const expiresAt = Date.now() + CHECK_CODE_TTL_MS;
      const username = request.body.username ?? null;
      // The typed name is only what the sender said. A browser signed in to an account vouches for that account.
      const { userId } = request.session;
      const signedIn = userId !== undefined && repos.accounts.findById(userId) ? userId : undefined;
      repos.transaction(() =>
        repos.checkCodes.save(hashCheckCode(code), username, request.body.facts, expiresAt, signedIn ?? null),
      );
      return { code, expiresAt };
    },
  );
};
