import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, Session } from 'fastify';
import * as oidc from 'openid-client';
import { Type, type Static } from 'typebox';
import type { Repositories } from '../../db/index.js';
import { signedInAccount } from '../account/current-account.js';
import { refuseRemovingLastWayIn } from '../account/last-way-in.js';
import { checkAssurance } from '../plugins/assurance.js';
import { causedByAnotherSite } from '../plugins/security.js';
import { originOfRequest, type Config } from '../config.js';
import { ApiError } from '../errors.js';
import type { SignInMethod } from '../plugins/session.js';
import { signIn } from '../session/sign-in.js';
import { ceremonyRateLimits } from '../plugins/ceremony-limits.js';
import { decideCallback, type CallbackOutcome } from './linking.js';
import { FallbackProvidersReply } from './schemas.js';
import { confirmationPage } from './pages.js';
import type { LoginService, OidcClients } from './login-services.js';
import type { OidcTransaction } from '../../db/oidc-transactions.js';

const TRANSACTION_TTL_MS = 10 * 60 * 1000;
const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 32 }) });
const LinkBody = Type.Object({
  action: Type.Union([Type.Literal('link'), Type.Literal('unlink')]),
  _csrf: Type.String({ maxLength: 256 }),
});
const ConfirmQuery = Type.Object({ action: Type.Optional(Type.Union([Type.Literal('link'), Type.Literal('unlink')])) });
const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 2048 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    iss: Type.Optional(Type.String({ maxLength: 512 })),
    error: Type.Optional(Type.String({ maxLength: 128 })),
    error_description: Type.Optional(Type.String({ maxLength: 1024 })),
    friendship_status_changed: Type.Optional(Type.String({ maxLength: 8 })),
  },
  { additionalProperties: true },
);

export interface FallbackRouteOptions {
  config: Config;
  repos: Repositories;
  clients: OidcClients;
}

/** Fallback logins and account linking through OpenID Connect (authorization code + PKCE + state + nonce). */
export const fallbackRoutes: FastifyPluginAsyncTypebox<FallbackRouteOptions> = async (app, opts) => {
  const { config, repos, clients } = opts;
  await app.register(formbody);
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  const limits = ceremonyRateLimits(app, config.rateLimitPerMinute);

  const providerOr404 = (id: string) => {
    const provider = clients.get(id);
    if (!provider) throw new ApiError(404, 'unknown_provider', `No fallback provider "${id}" is configured.`);
    return provider;
  };

  app.get(
    '/api/fallback/providers',
    {
      schema: {
        tags: ['fallback'],
        summary: 'The fallback logins this lab offers',
        response: { 200: FallbackProvidersReply },
      },
      config: { assurance: 'anyone' },
    },
    async () => ({
      providers: clients.list().map((provider) => ({ id: provider.id, issuer: provider.issuer, mock: provider.mock })),
    }),
  );

  /** Starts an authorization request; the PKCE verifier, state and nonce stay on the server, bound to this session. */
  async function startAuthorization(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: LoginService,
    purpose: 'login' | 'link',
  ) {
    let configuration: oidc.Configuration;
    try {
      configuration = await clients.configuration(provider);
    } catch (error) {
      request.log.warn({ err: error }, 'fallback provider discovery failed');
      return reply.redirect(`/login?error=provider_unavailable`, 303);
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    request.session.started = true;
    // Its own unit, like every write of a request here (the session row follows when the reply is sent).
    repos.transaction(() =>
      repos.oidcTransactions.save({
        state,
        sessionId: request.session.sessionId,
        provider: provider.id,
        purpose,
        codeVerifier,
        nonce,
        issuer: provider.issuer,
        accountId: purpose === 'link' ? (request.session.userId ?? null) : null,
        expiresAt: Date.now() + TRANSACTION_TTL_MS,
      }),
    );
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: `${originOfRequest(config, request)}${provider.callbackPath}`,
      response_type: 'code',
      scope: provider.scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ui_locales: request.lang,
      ...provider.extraParams,
    });
    return reply.redirect(url.href, 303);
  }

  /**
   * A login started by another site's link or script (SameSite=Lax sends the session cookie on a top-level navigation)
   * would end in a fallback session replacing this browser's, often without a click at a provider that remembers the
   * user. Only the lab's own pages (same-origin) and a typed address or bookmark (none) start one; anything else goes
   * to the login page, which says why and offers the same buttons. Nothing is written to the session.
   */
  async function refuseStartFromOtherSites(request: FastifyRequest, reply: FastifyReply) {
    if (causedByAnotherSite(request)) return reply.redirect('/login?error=cross_site_request', 303);
  }

  app.get(
    '/auth/:provider/start',
    {
      schema: {
        tags: ['fallback'],
        summary: 'Start a fallback login (redirects to the provider)',
        params: ProviderParams,
      },
      config: { assurance: 'anyone' },
      // Before the limits, so that another site's navigations do not use up this browser's attempts either.
      onRequest: refuseStartFromOtherSites,
      preHandler: limits,
    },
    async (request, reply) => {
      const provider = providerOr404(request.params.provider);
      return startAuthorization(request, reply, provider, 'login');
    },
  );

  app.get(
    '/auth/:provider/callback',
    {
      schema: {
        tags: ['fallback'],
        summary: 'Authorization response from the provider',
        params: ProviderParams,
        querystring: CallbackQuery,
      },
      config: { assurance: 'anyone' },
      preHandler: limits,
    },
    async (request, reply) => {
      const provider = providerOr404(request.params.provider);
      const { state } = request.query;
      const sessionId = request.session.sessionId;
      // Read, not taken: the token exchange below awaits the provider, and a transaction cannot span that.
      const pending = state ? repos.oidcTransactions.find(state, sessionId) : undefined;
      const exchanged =
        pending && isFor(pending, provider, sessionId)
          ? await exchangeCode(request, request.query, provider, pending)
          : undefined;
      // One transaction for everything the callback writes: the state used up, the link (or the issuer moved), the log
      // entry. All of it lands, or none (tests/api/fallback-transaction.test.ts).
      const outcome = repos.transaction(() => {
        const tx = state ? repos.oidcTransactions.take(state, sessionId) : undefined;
        // No exchange unless the pending transaction was this browser's, for this provider, and fresh (isFor).
        const decided: CallbackOutcome =
          !tx || !exchanged
            ? { ok: false, code: 'invalid_state', purpose: tx?.purpose ?? 'login' }
            : 'claims' in exchanged
              ? decideCallback({
                  repos,
                  provider,
                  tx,
                  claims: exchanged.claims,
                  // As stored now, not as loaded before the token exchange: a "sign out everywhere", a sign-out or
                  // the deletion of the session's passkey committed during that wait is seen here.
                  session: storedSession(repos, sessionId),
                  requireLineMfa: config.requireLineMfa,
                  friendshipStatusChanged: request.query.friendship_status_changed,
                })
              : exchanged;
        repos.ceremonies.record({
          accountId: decided.accountId ?? request.session.userId ?? null,
          username: decided.username ?? request.session.username ?? null,
          kind: decided.purpose === 'link' ? 'identity.link' : `fallback.login`,
          outcome: decided.ok ? 'verified' : 'rejected',
          errorCode: decided.ok ? null : decided.code,
          detail: { provider: provider.id, ...(decided.detail ?? {}) },
        });
        return decided;
      });
      const purpose = outcome.purpose;
      if (!outcome.ok) {
        return reply.redirect(
          purpose === 'link' ? `/account?error=${outcome.code}` : `/login?error=${outcome.code}`,
          303,
        );
      }
      if (purpose === 'link') return reply.redirect(`/account?linked=${provider.id}`, 303);
      await signIn(request, { id: outcome.accountId!, username: outcome.username! }, `social:${provider.id}`, 'low');
      return reply.redirect(`/account?via=${provider.id}`, 303);
    },
  );

  /** The authorization transaction must be this browser's, for this provider (its own callback) and fresh. */
  const isFor = (tx: OidcTransaction, provider: LoginService, sessionId: string) =>
    tx.sessionId === sessionId && tx.provider === provider.id && tx.expiresAt >= Date.now();

  /** The provider's answer: the verified ID token's claims, or why there are none. Writes nothing. */
  async function exchangeCode(
    request: FastifyRequest,
    query: Static<typeof CallbackQuery>,
    provider: LoginService,
    tx: OidcTransaction,
  ): Promise<{ claims: oidc.IDToken } | CallbackOutcome> {
    if (query.error)
      return {
        ok: false,
        code: query.error === 'access_denied' ? 'access_denied' : 'provider_error',
        purpose: tx.purpose,
        detail: { error: query.error },
      };
    try {
      const configuration = await clients.configuration(provider);
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        new URL(request.url, originOfRequest(config, request)),
        { pkceCodeVerifier: tx.codeVerifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true },
      );
      if (provider.idTokenAlg === 'HS256') await clients.verifyHs256IdToken(provider, tokens.id_token!);
      return { claims: tokens.claims()! };
    } catch (error) {
      request.log.info({ err: error }, 'fallback callback refused');
      const failure = error as Error & {
        code?: string;
        error?: string;
        error_description?: string;
        cause?: { message?: string };
      };
      return {
        ok: false,
        code: 'provider_error',
        purpose: tx.purpose,
        detail: {
          message: failure.message,
          ...(failure.code ? { libraryCode: failure.code } : {}),
          ...(failure.error ? { oauthError: failure.error, oauthErrorDescription: failure.error_description } : {}),
          ...(failure.cause?.message ? { cause: failure.cause.message } : {}),
        },
      };
    }
  }

  /** What a confirmed unlink would be refused for (beyond a missing step-up), so the page can say it first. */
  function unlinkRefusal(request: FastifyRequest, provider: string) {
    const linked = repos.identities
      .listForAccount(signedInAccount(request).id)
      .some((identity) => identity.provider === provider);
    if (!linked) return 'nothing_to_unlink';
    try {
      if (request.session.assurance === 'high') checkAssurance(repos, request, 'passkey-from-before-recovery');
      refuseRemovingLastWayIn(repos, signedInAccount(request).id, { provider });
      return undefined;
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'original_passkey_required' || code === 'last_sign_in_method' ? code : undefined;
    }
  }

  // Linking and unlinking: only from a signed-in session at passkey assurance, through a confirmation screen. The
  // screen itself is for any signed-in session (it says when a step-up is needed); a stranger is sent to /login.
  app.get(
    '/link/:provider/confirm',
    { schema: { hide: true, params: ProviderParams, querystring: ConfirmQuery }, config: { assurance: 'signed-in' } },
    async (request, reply) => {
      const provider = providerOr404(request.params.provider);
      const lang = request.lang;
      const html = confirmationPage({
        lang,
        service: provider.id,
        action: request.query.action ?? 'link',
        username: signedInAccount(request).username,
        csrfToken: reply.generateCsrf(),
        needsStepUp: request.session.assurance !== 'high',
        refusal: request.query.action === 'unlink' ? unlinkRefusal(request, provider.id) : undefined,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/link/:provider',
    {
      schema: {
        tags: ['fallback'],
        summary: 'Confirmed link or unlink (form post with CSRF token)',
        params: ProviderParams,
        body: LinkBody,
      },
      preValidation: app.csrfProtection,
      // Linking adds a way in; unlinking removes one, so it needs a passkey from before any recent recovery.
      config: {
        assurance: (request) =>
          (request.body as { action?: unknown } | undefined)?.action === 'link'
            ? 'passkey'
            : 'passkey-from-before-recovery',
      },
      preHandler: limits,
    },
    async (request, reply) => {
      const provider = providerOr404(request.params.provider);
      const userId = signedInAccount(request).id;
      if (request.body.action === 'link') return startAuthorization(request, reply, provider, 'link');
      const removed = repos.transaction(() => {
        const linked = repos.identities.listForAccount(userId).some((identity) => identity.provider === provider.id);
        if (linked) refuseRemovingLastWayIn(repos, userId, { provider: provider.id });
        const removed = linked && repos.identities.unlink(userId, provider.id);
        // A session lives no longer than what signed it in: the sessions that came through this login end with it.
        const method = `social:${provider.id}` satisfies SignInMethod;
        const revokedSessions = removed
          ? repos.sessions.revokeSignedInWithMethod(userId, method, request.session.sessionId)
          : 0;
        repos.ceremonies.record({
          accountId: userId,
          username: request.session.username ?? null,
          kind: 'identity.unlink',
          outcome: removed ? 'recorded' : 'rejected',
          detail: { provider: provider.id, revokedSessions },
        });
        return removed;
      });
      if (!removed) return reply.redirect('/account?error=nothing_to_unlink', 303);
      return reply.redirect(`/account?unlinked=${provider.id}`, 303);
    },
  );
};

/** The fields of this browser's session row that a link depends on; empty when the row is gone or revoked. */
function storedSession(repos: Repositories, sessionId: string): Pick<Session, 'userId' | 'assurance' | 'passkeyId'> {
  const stored = repos.sessions.get(sessionId) as Partial<Session> | undefined;
  return { userId: stored?.userId, assurance: stored?.assurance, passkeyId: stored?.passkeyId };
}
