import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signIn } from '../session/sign-in.js';
import { challengeFromClientData, checkChallenge } from './challenges.js';
import {
  checkMayAddPasskey,
  checkSameAsker,
  generateCreationOptions,
  planRegistrationOptions,
  refuseNewUsername,
  saveRegistration,
  verifyAttestation,
  type RegistrationContext,
} from './registration.js';
import { recordRejection } from './rejections.js';
import { registrationResponseJson } from './response-json.js';
import {
  ErrorReply,
  RegistrationOptionsBody,
  RegistrationOptionsReply,
  RegistrationVerifyBody,
  RegistrationVerifyReply,
} from './schemas.js';
import { bindCaller } from './caller.js';
import type { CeremonyRouteOptions } from './route-options.js';

/** POST /api/registration/options and /verify: anyone for a new account; the owner at passkey assurance to add one. */
export const registrationRoutes: FastifyPluginAsyncTypebox<CeremonyRouteOptions> = async (
  app,
  { config, repos, fakeCredentialKey, limits },
) => {
  const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 409: ErrorReply, 429: ErrorReply };

  app.post(
    '/api/registration/options',
    {
      schema: {
        tags: ['registration'],
        summary: 'Creation options for a new account or a new passkey',
        body: RegistrationOptionsBody,
        response: { 200: RegistrationOptionsReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limits,
    },
    async (request, reply) => {
      const body = request.body;
      const caller = bindCaller(request, reply, config.secureOrigins);
      // body.username is canonical (plugins/username.ts): look-alikes of it have been folded into it or refused.
      const existing = repos.accounts.findByUsername(body.username);
      if (existing) checkMayAddPasskey(repos, existing, caller);
      else refuseNewUsername(repos, body.username);
      const credentials = existing ? repos.credentials.listForAccount(existing.id) : [];

      const plan = planRegistrationOptions(body, existing, credentials, caller);
      const options = await generateCreationOptions(config, body, plan);

      repos.transaction(() => {
        repos.challenges.save({
          challenge: options.challenge,
          binding: caller.binding,
          ceremony: 'registration',
          accountId: existing?.id ?? null,
          context: { ...plan.context },
          expiresAt: Date.now() + config.challengeTtlMs,
        });
        repos.ceremonies.record({
          accountId: existing?.id ?? null,
          username: body.username,
          kind: 'registration.options',
          outcome: 'issued',
          options,
        });
      });
      return options;
    },
  );

  app.post(
    '/api/registration/verify',
    {
      schema: {
        tags: ['registration'],
        summary: 'Verify a registration response and sign in',
        body: RegistrationVerifyBody,
        response: { 200: RegistrationVerifyReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limits,
    },
    async (request, reply) => {
      const { response, client, label } = request.body;
      const caller = bindCaller(request, reply, config.secureOrigins);
      const now = Date.now();
      try {
        // Taken with this browser's binding in one statement (single use, whatever the checks below decide); if not
        // taken, the same transaction tells "another browser's" from "unknown".
        const challenge = challengeFromClientData(response.response.clientDataJSON);
        const taken = repos.transaction(() => {
          const pending = repos.challenges.take(challenge, caller.binding);
          return { pending, issuedToAnotherBrowser: !pending && repos.challenges.isPending(challenge) };
        });
        const pending = checkChallenge(taken, 'registration', config.challengeTtlMs, now);
        const context = pending.context as unknown as RegistrationContext;
        checkSameAsker(context, caller);

        const passkey = await verifyAttestation(config, pending, context, registrationResponseJson(response));
        const { publicKey: _key, counter: _counter, ...credential } = passkey;

        const account = repos.transaction(() => {
          const saved = saveRegistration(
            repos,
            pending,
            context,
            passkey,
            { label, client, sessionId: caller.sessionId },
            now,
            fakeCredentialKey,
          );
          repos.ceremonies.record({
            accountId: saved.id,
            username: saved.username,
            kind: 'registration.verify',
            outcome: 'verified',
            response,
            client,
            detail: { credential },
          });
          return saved;
        });
        // A new account signs in; a recovered session is now backed by its new passkey.
        if (request.session.userId !== account.id || request.session.recovered) {
          await signIn(request, account, 'passkey', 'high', passkey.id);
        }
        return { verified: true as const, credential };
      } catch (error) {
        recordRejection(repos, request, 'registration.verify', error, response, client);
        throw error;
      }
    },
  );
};
