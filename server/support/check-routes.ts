import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createHash, randomInt } from 'node:crypto';
import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { predictDialog } from '../dialogs/predict.js';
import { ApiError } from '../errors.js';
import { ErrorReply } from '../http-schemas.js';
import { ZERO_AAGUID } from '../passkey-providers.js';
import { fakeCredentialsFor } from '../webauthn/fake-credentials.js';
import { deviceFromCheck, type CheckFacts } from './check-facts.js';
import { inputFor } from './matrix.js';
import { normaliseForLookup } from './normalise.js';
import { pageDocument } from '../plugins/pages.js';
import {
  CheckCodeSentReply,
  CheckPredictBody,
  CheckPredictReply,
  CheckSendBody,
  type CheckCodeReply,
} from './schemas.js';

export const CHECK_CODE_TTL_MS = 24 * 60 * 60 * 1000;
// Crockford's base32 without I, L, O, U: easy to read out on the phone. 12 characters = 60 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const hashCheckCode = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^0-9A-Z]/g, ''), 'utf8')
    .digest('hex');
const newCode = () =>
  Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)])
    .join('')
    .replace(/(.{4})(?!$)/g, '$1-');

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
        ? publicShapes(repos, opts.fakeCredentialKey, normaliseForLookup(request.body.username))
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
      const code = newCode();
      const expiresAt = Date.now() + CHECK_CODE_TTL_MS;
      const username = request.body.username ? normaliseForLookup(request.body.username) : null;
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

/** For the console: a code's facts (audited by the caller), or 404. */
export function findCheckCode(repos: Repositories, code: string): CheckCodeReply {
  const found = repos.checkCodes.find(hashCheckCode(code));
  if (!found)
    throw new ApiError(404, 'check_code_not_found', 'No self-check has this code, or it is older than 24 hours.');
  // Stored only once CheckSendBody had validated it (POST /api/check/codes).
  const facts = found.facts as CheckFacts;
  const device = deviceFromCheck(facts);
  // typedUsername: a claim anyone could make (a stranger can file facts under "taro"); signedInAs: the account the
  // sending browser was signed in to. The console links the code to an account only through the latter.
  return {
    typedUsername: found.username,
    signedInAs: found.signedInAs,
    createdAt: found.createdAt,
    expiresAt: found.expiresAt,
    facts,
    device: device.client,
    matrixDevice: device.matrixDevice,
  };
}
