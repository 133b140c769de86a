import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adviceFor } from '../dialogs/best-practice.js';
import { classifyForOptions } from '../dialogs/for-options.js';
import { reduceClient } from '../account/redact.js';
import { badRequest } from '../errors.js';
import { signIn } from '../session/sign-in.js';
import {
  bestPracticeStrategy,
  checkAssertionCredential,
  UNKNOWN_CREDENTIAL_MESSAGE,
  checkImmediateMode,
  generateRequestOptions,
  planAuthenticationOptions,
  readAuthenticationContext,
  verifyAssertion,
  type AuthenticationContext,
} from './authentication.js';
import { checkChallenge, readClientData } from './challenges.js';
import { fakeAsStored, fakeCredentialsFor } from './fake-credentials.js';
import { recordRejection } from './rejections.js';
import { authenticationResponseJson } from './response-json.js';
import {
  AuthenticationOptionsBody,
  AuthenticationOptionsReply,
  AuthenticationVerifyBody,
  AuthenticationVerifyReply,
  ErrorReply,
} from './schemas.js';
import { bindCaller } from './caller.js';
import { strangerAttempt } from './stranger-attempts.js';
import type { CeremonyRouteOptions } from './route-options.js';

/**
 * POST /api/authentication/options and /verify: anyone (a login); a signed-in browser steps up the same way.
 * Around these handlers, registered in server/app.ts: plugins/security.ts refuses a cross-site request and writes the
 * security headers; `config.assurance` is read by plugins/assurance.ts ('anyone': no check); `username` is made
 * canonical by plugins/username.ts, then `limits` (plugins/ceremony-limits.ts, on @fastify/rate-limit) run; a
 * thrown ApiError is replied by plugins/errors.ts; after the handler, @fastify/session writes the session row
 * (plugins/session.ts's store), and plugins/durable-replies.ts holds the reply until the commit holding this
 * request's writes (db/group-commit.ts).
 */
export const authenticationRoutes: FastifyPluginAsyncTypebox<CeremonyRouteOptions> = async (
  app,
  { config, repos, fakeCredentialKey, sourceKey, limits },
) => {
  const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 409: ErrorReply, 429: ErrorReply };

  app.post(
    '/api/authentication/options',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Request options: username-first (allowCredentials) or usernameless',
        body: AuthenticationOptionsBody,
        response: { 200: AuthenticationOptionsReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limits,
    },
    async (request, reply) => {
      const body = request.body;
      const strategy = body.strategy ?? 'marketplace';
      checkImmediateMode(body);
      const caller = bindCaller(request, reply, config.secureOrigins);
      const now = Date.now();

      // body.username is canonical: plugins/username.ts (a global preHandler) rewrote it before `limits` keyed on it.
      const account = body.username ? repos.accounts.findByUsername(body.username) : undefined;
      const credentials = account ? repos.credentials.listForAccount(account.id) : [];

      const fakes =
        body.username && credentials.length === 0 ? fakeCredentialsFor(body.username, fakeCredentialKey) : [];
      // A name without passkeys is planned, predicted and advised from its fakes exactly as from real passkeys, so
      // the answer takes the shapes a real account's does (docs/security.md, "What the API reveals").
      const asSeen = fakes.length > 0 ? fakes.map(fakeAsStored) : credentials;

      const plan = planAuthenticationOptions({
        username: body.username,
        userVerification: body.userVerification,
        hints: body.hints,
        transportsMode: body.transportsMode,
        credentials,
        fakes,
        ...(strategy === 'best-practice' ? { strategy: bestPracticeStrategy(body, asSeen) } : {}),
      });
      const options = await generateRequestOptions(plan, config.rpId);
      const prediction = classifyForOptions(
        { options, client: body.client, credentials: asSeen, ...(body.uiMode ? { uiMode: body.uiMode } : {}) },
        config.rpId,
      );
      const advice = strategy === 'best-practice' ? adviceFor(prediction.kind, asSeen, body.client) : 'proceed';
      // A browser not signed in to this account is logged apart from it (no account, no full user agent): the owner
      // sees such attempts only as counts (db/stranger-attempts.ts), and they cannot flush the history.
      const stranger = strangerAttempt(account?.id, caller.userId, { ip: request.ip, key: sourceKey }, now);

      repos.transaction(() => {
        const counted = stranger && repos.strangerAttempts.count(stranger, 'unfinished');
        const context: AuthenticationContext = {
          username: body.username ?? null,
          options,
          userVerification: plan.userVerification,
          transportsMode: body.transportsMode ?? 'stored',
          ...(counted ? { strangerAttempt: counted } : {}),
        };
        repos.challenges.save({
          challenge: options.challenge,
          binding: caller.binding,
          ceremony: 'authentication',
          accountId: account?.id ?? null,
          context: { ...context },
          expiresAt: now + config.challengeTtlMs,
        });
        repos.ceremonies.record({
          accountId: stranger ? null : (account?.id ?? null),
          username: body.username ?? null,
          kind: 'authentication.options',
          outcome: 'issued',
          options,
          client: stranger ? reduceClient(body.client) : body.client,
          // The decision only; the localised explanation is rendered from the same pure function when someone reads it.
          prediction,
          detail: {
            transportsMode: body.transportsMode ?? 'stored',
            strategy,
            advice,
            ...(body.uiMode ? { uiMode: body.uiMode } : {}),
          },
        });
      });
      reply.header('x-lab-advice', advice);
      return options;
    },
  );

  app.post(
    '/api/authentication/verify',
    {
      schema: {
        tags: ['authentication'],
        summary: 'Verify a login response and sign in',
        body: AuthenticationVerifyBody,
        response: { 200: AuthenticationVerifyReply, ...errors },
      },
      config: { assurance: 'anyone' },
      preHandler: limits,
    },
    async (request, reply) => {
      const { client } = request.body;
      const response = authenticationResponseJson(request.body.response);
      const caller = bindCaller(request, reply, config.secureOrigins);
      const now = Date.now();
      try {
        const clientData = readClientData(response.response.clientDataJSON);
        const challenge = clientData.challenge;
        // One transaction: the challenge is taken (single use, whatever the checks below decide), and the reads
        // share its snapshot.
        const taken = repos.transaction(() => {
          const pending = repos.challenges.take(challenge, caller.binding);
          const credential = repos.credentials.findById(response.id);
          return {
            pending,
            issuedToAnotherBrowser: !pending && repos.challenges.isPending(challenge),
            credential,
            owner: credential && repos.accounts.findById(credential.accountId),
            staffPasskey: !credential && repos.staff.isCurrentCredential(response.id),
          };
        });
        const pending = checkChallenge(taken, 'authentication', config.challengeTtlMs, now);
        const context = readAuthenticationContext(pending);
        const { credential, account } = checkAssertionCredential(pending, context, taken, response);

        const verified = await verifyAssertion(
          config,
          pending.challenge,
          context.userVerification,
          credential,
          response,
          clientData,
        );

        repos.transaction(() => {
          // Deleted while its signature was being checked: it signs no one in (its sessions ended with it).
          if (!repos.credentials.recordUse(credential.id, verified.newCounter, verified.backedUp, now)) {
            throw badRequest('unknown_credential', UNKNOWN_CREDENTIAL_MESSAGE);
          }
          // The attempt counted when this browser asked was the owner's own: it signed in, so it is no stranger's.
          if (context.strangerAttempt) repos.strangerAttempts.settle(context.strangerAttempt, 'unfinished', null);
          repos.ceremonies.record({
            accountId: account.id,
            username: account.username,
            kind: 'authentication.verify',
            outcome: 'verified',
            options: context.options,
            response: request.body.response,
            client,
            detail: {
              credentialId: credential.id,
              method: verified.method,
              userVerified: verified.userVerified,
              newCounter: verified.newCounter,
              backupStateChanged: verified.backupStateChanged,
            },
          });
        });
        await signIn(request, account, verified.method, 'high', credential.id);
        return { verified: true as const, user: { username: account.username }, method: verified.method };
      } catch (error) {
        recordRejection(repos, request, 'authentication.verify', error, request.body.response, client);
        throw error;
      }
    },
  );
};
