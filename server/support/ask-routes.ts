import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import { signedInAccount } from '../account/current-account.js';
import { ADD_PASSKEY_HERE, answerAsk, isPc } from '../support-asks.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { AskDeclinedReply, SupportAsksReply } from './schemas.js';

// The customer's side of what support asked (issue 12 point 4): the account page reads whether to offer "add a
// passkey on this PC" and may decline it. Adding the passkey itself goes through the usual registration routes, which
// answer the ask when the new passkey is on the PC (server/support-asks.ts).

/** The ask is offered and answered only on a computer (the one where sign-in needed a phone or a fallback). */
const onAPc = (request: FastifyRequest) => isPc({ userAgent: request.headers['user-agent'] ?? '' });

export const askRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, opts) => {
  const { repos } = opts;
  const errors = { 401: ErrorReply, 409: ErrorReply };

  app.get(
    '/api/account/support-asks',
    {
      schema: {
        tags: ['account'],
        summary: 'What support asked this customer to do at this sign-in (only on a PC: add a passkey here)',
        response: { 200: SupportAsksReply, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request) => {
      const account = signedInAccount(request);
      const ask = repos.supportAsks.find(account.id, ADD_PASSKEY_HERE);
      // On a phone the ask waits: it is about the PC where signing in needed the phone or a fallback login.
      return { addPasskeyHere: ask !== undefined && onAPc(request) };
    },
  );

  app.post(
    '/api/account/support-asks/add-passkey-here/decline',
    {
      schema: {
        tags: ['account'],
        summary: 'Decline support\'s "add a passkey on this PC" (written to the support audit log)',
        body: EmptyBody,
        response: { 200: AskDeclinedReply, ...errors },
      },
      config: { assurance: 'signed-in' },
    },
    async (request) => {
      const account = signedInAccount(request);
      // Answered where it is offered: on the PC. A phone (or a fallback login on one) cannot wave it away.
      if (!onAPc(request)) {
        throw new ApiError(409, 'not_on_a_pc', 'Support asked for a passkey on your PC: answer it on that PC.');
      }
      return { declined: repos.transaction(() => answerAsk(repos, account, ADD_PASSKEY_HERE, 'declined')) };
    },
  );
};
