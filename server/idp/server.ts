import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import { clientErrors, REQUEST_TIMEOUT_MS } from '../plugins/errors.js';
import { languagePlugin } from '../plugins/language.js';
import { securityHeadersPlugin } from '../plugins/security-headers.js';
import { GOOGLE_LIKE_ACCOUNTS, LINE_LIKE_ACCOUNTS } from './accounts.js';
import { googleLikeScreens } from './google-like/screens.js';
import { IDP_CSS, IDP_FAVICON, idpProblemPage, LINE_WAIT_SCRIPT } from './layout.js';
import { GuessLimits } from './guess-limits.js';
import { PhoneCodeStore } from './line-like/phone-codes.js';
import { PhoneSessions } from './line-like/phone-sessions.js';
import { lineLikeScreens } from './line-like/screens.js';
import { mockClients, type MockClient } from '../mock-clients.js';
import { createMockIdentityProvider } from './identity-provider.js';
import { FORM_POST_SCRIPT } from './form-post.js';

export interface MockIdpOptions {
  /** Where the mock identity providers are reached, e.g. http://127.0.0.1:4000 (a different host from the lab). */
  origin: string;
  /** The lab's public origin(s) (PUBLIC_ORIGIN): their callbacks are the only registered redirect URIs. */
  labOrigin: string;
  labOrigins?: string[];
  secret: string;
  clientName?: string;
  logger?: boolean;
  /** Clock for the 4-digit codes, phone sessions and guess limits (tests move it forward). */
  now?: () => number;
  /** PEM key and certificate: the mock identity providers serve HTTPS (the lab's TLS_CERT / TLS_KEY). */
  https?: { key: string; cert: string };
  /** Authorization requests per minute from one address, per provider (default 300). */
  authorizationsPerMinute?: number;
}

export interface MockIdp {
  app: FastifyInstance;
  identityProviders: { google: Provider; line: Provider };
  clients: { google: MockClient; line: MockClient };
  codes: PhoneCodeStore;
  phones: PhoneSessions;
  limits: { google: GuessLimits; line: GuessLimits };
}

/**
 * The oidc-provider routes anyone can call that store something until it expires (memory-adapter.ts): the authorization
 * endpoint (an Interaction) and RP-initiated logout (a Session, an hour, for a browser without one). Matched as
 * oidc-provider's router matches (any case, a trailing slash: `/AUTH/` is the authorization endpoint too), and decoded,
 * since counting a request too many costs nothing. Resuming an interaction (/auth/:uid) needs its cookie; /token, /me
 * and /jwks are the lab's own back-channel calls.
 */
function startsSomething(rawUrl: string): boolean {
  let path = rawUrl.split('?')[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    // left as it came
  }
  path = path.toLowerCase().replace(/\/+$/, '');
  return path === '/auth' || path === '/session/end' || path.startsWith('/session/end/');
}

/**
 * The most an authorization or logout request may carry, in its query or its form body (bytes). oidc-provider would
 * take a query up to Node's header limit (16 KB) and a body up to 56 KB, and keep the parameters in an Interaction or
 * Session (memory-adapter.ts weighs them). The only client of these mock providers is the lab, whose authorization
 * requests are about 400 bytes (390 measured for the Google-like one); its state and nonce are random tokens of tens of
 * bytes. 2 KB leaves room and keeps an entry under ~8.5 KB (docs/security.md, "Mock identity providers").
 */
export const MAX_START_REQUEST_BYTES = 2048;

/** Whether a request that starts something (startsSomething) carries more than MAX_START_REQUEST_BYTES. */
function startTooLarge(request: FastifyRequest): 414 | 413 | undefined {
  const at = request.url.indexOf('?');
  if (at >= 0 && request.url.length - at - 1 > MAX_START_REQUEST_BYTES) return 414;
  // A body of unknown length (chunked) is refused too: a browser's form always says how long it is.
  if (request.headers['transfer-encoding'] !== undefined) return 413;
  if (Number(request.headers['content-length'] ?? 0) > MAX_START_REQUEST_BYTES) return 413;
  return undefined;
}

/**
 * The Google-like and LINE-like mock identity providers (OpenID providers) on their own host and port, each a real
 * oidc-provider mounted under /google and /line, with the lab's own demo screens under /ui.
 */
export async function buildMockIdp(options: MockIdpOptions): Promise<MockIdp> {
  const clients = mockClients(options.labOrigin, options.secret, options.labOrigins);
  const derive = (label: string) => createHmac('sha256', options.secret).update(label).digest('base64url');
  const identityProviders = {
    google: createMockIdentityProvider({
      kind: 'google',
      issuer: `${options.origin}/google`,
      accounts: GOOGLE_LIKE_ACCOUNTS,
      client: clients.google,
      cookieKey: derive('google cookies'),
      labLogin: `${options.labOrigin}/login`,
    }),
    line: createMockIdentityProvider({
      kind: 'line',
      issuer: `${options.origin}/line`,
      accounts: LINE_LIKE_ACCOUNTS,
      client: clients.line,
      cookieKey: derive('line cookies'),
      labLogin: `${options.labOrigin}/login`,
    }),
  };
  const codes = new PhoneCodeStore(options.now);
  const phones = new PhoneSessions(options.now);
  // One set of guess limits per identity provider: the LINE-like PC login and phone sign-in share theirs.
  const limits = { google: new GuessLimits(options.now), line: new GuessLimits(options.now) };
  const friendChoices = new Map<string, boolean>();

  // LINE appends friendship_status_changed to the redirect back to the client when bot_prompt was used.
  identityProviders.line.use(async (ctx, next) => {
    await next();
    const location = ctx.response.get('location');
    const accountId = (ctx as { oidc?: { session?: { accountId?: string } } }).oidc?.session?.accountId;
    if (location && location.includes('code=') && accountId && friendChoices.has(accountId)) {
      const url = new URL(location);
      url.searchParams.set('friendship_status_changed', String(friendChoices.get(accountId)));
      friendChoices.delete(accountId);
      ctx.redirect(url.href);
    }
  });

  const app = Fastify({
    logger: options.logger ?? false,
    clientErrorHandler: clientErrors,
    requestTimeout: REQUEST_TIMEOUT_MS,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  // oidc-provider's resume redirects back to the lab's callback, so forms may post there too.
  await app.register(securityHeadersPlugin, {
    formActionOrigins: options.labOrigins ?? [options.labOrigin],
    https: options.origin.startsWith('https:'),
  });
  await app.register(cookie, { secret: derive('idp csrf cookies') });
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' },
    cookieKey: '_idp_csrf',
  });
  await app.register(rateLimit, { global: false });
  // Before the route scopes: a scope keeps the error handler in force when it is registered.
  const labLogin = `${options.labOrigin}/login`;
  type ProblemKind = Parameters<typeof idpProblemPage>[0]['kind'];
  const problemPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    kind: ProblemKind,
    code: string,
    message: string,
  ) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        idpProblemPage({
          lang: request.lang ?? 'en',
          brand: request.url.startsWith('/line') || request.url.startsWith('/ui/line') ? 'line' : 'google',
          kind,
          code,
          message,
          labLogin,
        }),
      );
  app.setErrorHandler((error: Error, request, reply) => {
    const statusCode = (error as Error & { statusCode?: unknown }).statusCode;
    const status = typeof statusCode === 'number' ? statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'unexpected error');
    // Expired, used or foreign interactions (a Back, a second click) are the user's problem, not the server's: 400.
    const expired =
      (error as { name?: string }).name === 'SessionNotFound' ||
      /interaction session/i.test(error.message) ||
      (error as { code?: string }).code?.startsWith('FST_CSRF') === true;
    if (expired) return problemPage(request, reply, 400, 'expired', 'invalid_interaction', error.message);
    if (status === 429) return problemPage(request, reply, 429, 'too-many', 'rate_limited', error.message);
    if (status >= 500) return problemPage(request, reply, 500, 'other', 'internal_error', 'Logged on the server.');
    const code = ((error as { code?: string }).code ?? 'bad_request').toLowerCase();
    return problemPage(request, reply, status, 'other', code, error.message);
  });
  app.setNotFoundHandler((request, reply) =>
    problemPage(request, reply, 404, 'not-found', 'not_found', `No page at ${request.url.split('?')[0]}.`),
  );
  // The phone screens carry their language in ?lang= and their forms' lang field; the others follow ui_locales.
  await app.register(languagePlugin, {
    explicit: (request) =>
      (request.query as { lang?: unknown } | undefined)?.lang ?? (request.body as { lang?: unknown } | undefined)?.lang,
  });

  // oidc-provider reads its own bodies: inside this scope Fastify parses nothing and hands the raw request over.
  const authorizationLimit = app.rateLimit({ max: options.authorizationsPerMinute ?? 300, timeWindow: 60_000 });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    // Before oidc-provider sees the request, and for every path its router takes as one that stores state.
    scope.addHook('onRequest', async (request, reply) => {
      const prefix = Object.keys(identityProviders).find((name) => request.url.startsWith(`/${name}/`));
      if (!prefix || !startsSomething(request.url.slice(prefix.length + 1))) return;
      await authorizationLimit.call(scope, request, reply);
      const status = startTooLarge(request);
      if (status) {
        const limit = `More than ${MAX_START_REQUEST_BYTES} bytes of parameters in the ${status === 414 ? 'query' : 'body'}.`;
        return problemPage(request, reply, status, 'too-large', 'request_too_large', limit);
      }
    });
    for (const [prefix, idp] of Object.entries(identityProviders)) {
      const callback = idp.callback();
      const handler = async (
        request: { raw: IncomingMessage },
        reply: { hijack: () => void; raw: import('node:http').ServerResponse },
      ) => {
        reply.hijack();
        const raw = request.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice(prefix.length + 1) || '/';
        callback(raw, reply.raw);
      };
      scope.all(`/${prefix}`, handler);
      scope.all(`/${prefix}/*`, handler);
    }
  });

  await app.register(async (ui) => {
    await ui.register(formbody);
    ui.get('/ui/idp.css', async (_request, reply) => reply.type('text/css').send(IDP_CSS));
    ui.get('/ui/line-wait.js', async (_request, reply) => reply.type('text/javascript').send(LINE_WAIT_SCRIPT));
    ui.get('/ui/form-post.js', async (_request, reply) => reply.type('text/javascript').send(FORM_POST_SCRIPT));
    ui.get('/ui/favicon.svg', async (_request, reply) => reply.type('image/svg+xml').send(IDP_FAVICON));
    ui.get('/favicon.ico', async (_request, reply) => reply.redirect('/ui/favicon.svg'));
    const clientName = options.clientName ?? 'Passkey Dialog Lab (demo)';
    await ui.register(googleLikeScreens, { idp: identityProviders.google, clientName, limits: limits.google });
    await ui.register(lineLikeScreens, {
      idp: identityProviders.line,
      clientName,
      codes,
      phones,
      limits: limits.line,
      friendChoices,
    });
  });

  return { app, identityProviders, clients, codes, phones, limits };
}
