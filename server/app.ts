import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import { GroupCommit, openDatabase, repositories, type Db, type Repositories } from '../db/index.js';
import { accountRoutes } from './account/routes.js';
import { signalRoutes } from './account/signals.js';
import { STRANGER_ATTEMPT_DAYS } from './account/stranger-attempts.js';
import type { Config } from './config.js';
import { dialogRoutes } from './dialogs/routes.js';
import { loginServices, OidcClients } from './fallback/login-services.js';
import { fallbackRoutes } from './fallback/routes.js';
import { labRoutes } from './lab/routes.js';
import { assurancePlugin, everyoneMayCallRoutesHere } from './plugins/assurance.js';
import { LabHealth } from './health.js';
import { HealthReply, MAX_CREDENTIAL_ID_CHARS } from './http-schemas.js';
import { durableRepliesPlugin } from './plugins/durable-replies.js';
import { clientErrors, errorsPlugin, frameworkErrors, REQUEST_TIMEOUT_MS } from './plugins/errors.js';
import { strictJsonBodies } from './plugins/json-body.js';
import { lazyValidators } from './plugins/lazy-validators.js';
import { sharedSerializers } from './plugins/shared-serializers.js';
import { openApiPlugin } from './plugins/openapi.js';
import { phoneRoutes } from './phone/routes.js';
import { languagePlugin } from './plugins/language.js';
import { pagesPlugin } from './plugins/pages.js';
import { securityPlugin } from './plugins/security.js';
import { sessionPlugin } from './plugins/session.js';
import { consoleOwnerChannel, type OwnerChannel } from './recovery/owner-channel.js';
import { proofingCodeKey } from './recovery/proofing.js';
import { recoveryRoutes } from './recovery/routes.js';
import type { ServerTls } from './tls/server-tls.js';
import { usernamePlugin } from './plugins/username.js';
import { ephemeralSecrets, loadOrCreateSecrets, type Secrets } from './secrets.js';
import { sessionRoutes } from './session/routes.js';
import { askRoutes } from './support/ask-routes.js';
import { checkRoutes } from './support/check-routes.js';
import { staffRoutes } from './support/staff-routes.js';
import { supportRoutes } from './support/routes.js';
import { webauthnRoutes } from './webauthn/routes.js';
import { sourceHashKey } from './webauthn/stranger-attempts.js';
import { useLabWebCryptoInSimpleWebAuthn } from './webauthn/webcrypto.js';
import { utcDay } from '../db/stranger-attempts.js';

export interface BuildOptions {
  /** Secrets to use instead of the ones kept in the data folder (tests). */
  secrets?: Secrets;
  /** Fastify's logger; off in tests and benchmarks. */
  logger?: boolean;
  /** Where identity-proofing codes go (the owner's other channel); the server console unless a test gives an inbox. */
  ownerChannel?: OwnerChannel;
  /** TLS_CERT / TLS_KEY, read: the lab serves HTTPS and trusts that chain when it calls its mock identity providers. */
  tls?: ServerTls;
  /** Sees every route as it is registered (tests/api/route-assurance.test.ts walks every route with it). */
  onRoute?: (route: RouteOptions) => void;
}

export interface Lab {
  app: FastifyInstance;
  db: Db;
  repos: Repositories;
  config: Config;
  secrets: Secrets;
  /** The shared commit (the WAL checkpointer commits through it, server/start.ts). */
  groupCommit: GroupCommit;
  /** What GET /api/health reports. */
  health: LabHealth;
}

/** The one factory used by `npm start`, the tests and the benchmark. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<Lab> {
  useLabWebCryptoInSimpleWebAuthn();
  const secrets =
    options.secrets ??
    (config.databasePath === ':memory:' && !process.env.DATA_DIR
      ? ephemeralSecrets()
      : loadOrCreateSecrets(config.dataDir));
  const db = openDatabase(config.databasePath);
  const groupCommit = new GroupCommit(db);
  const repos = repositories(db, groupCommit);

  // With TLS the server is an https.Server; the routes see the same request and reply types either way.
  const app = Fastify({
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
    logger: options.logger === false ? false : { level: config.logLevel },
    // Request lines only at debug/trace: at info the console shows start-up, warnings and errors.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    bodyLimit: 64 * 1024,
    // The longest path parameter is a credential ID (Fastify's default, 100, cut off IDs of 76 bytes and more).
    routerOptions: { maxParamLength: MAX_CREDENTIAL_ID_CHARS },
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: lazyValidators(), buildSerializer: sharedSerializers() } },
    // Errors raised before routing (over-long URL parameters, malformed URLs) get the same error shape, and so do
    // requests the HTTP parser refused.
    frameworkErrors,
    clientErrorHandler: clientErrors,
    requestTimeout: REQUEST_TIMEOUT_MS,
  }) as unknown as FastifyInstance;

  const health = new LabHealth(app.log);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  await app.register(errorsPlugin);
  // JSON only: a cross-site page cannot send application/json without a CORS preflight, which the lab never grants.
  app.removeContentTypeParser('text/plain');
  strictJsonBodies(app);
  await app.register(securityPlugin, {
    publicOrigins: config.publicOrigins,
    https: config.secureOrigins,
    formActionOrigins: config.idp.mode === 'mock' ? [config.idp.origin] : [],
  });
  // Everywhere, sessions or not (the language cookie, the ceremony binding). No secret: the lab signs no cookie
  // (plugins/cookie-ids.ts says why).
  await app.register(cookie);
  await app.register(languagePlugin);
  await app.register(openApiPlugin);
  // Before any route: routes declare `config.assurance` and this plugin adds the check.
  await app.register(assurancePlugin, { repos });
  await app.register(usernamePlugin);

  // Routes that never read or write a session live outside the session plugin's scope, so no session is built for
  // them (a request costs no session id or store look-up): the health check, the page shells and the
  // bundled assets. Only 'anyone' may be declared here; a route that checks who is asking belongs below.
  await app.register(async (sessionless) => {
    everyoneMayCallRoutesHere(sessionless);
    sessionless.get(
      '/api/health',
      {
        schema: { tags: ['lab'], summary: 'Liveness', response: { 200: HealthReply } },
        config: { assurance: 'anyone' },
      },
      async () => health.report(),
    );
    await sessionless.register(pagesPlugin);
  });

  // Every other route: sessions, and replies held until their writes are committed.
  await app.register(async (withSessions) => {
    await withSessions.register(sessionPlugin, {
      secure: config.secureOrigins,
      store: repos.sessions,
      transaction: repos.transaction,
    });
    await withSessions.register(durableRepliesPlugin, { groupCommit });
    await withSessions.register(sessionRoutes, { repos });
    await withSessions.register(webauthnRoutes, {
      config,
      repos,
      fakeCredentialKey: secrets.fakeCredentialKey,
      sourceKey: sourceHashKey(secrets.fakeCredentialKey),
    });
    await withSessions.register(accountRoutes, { repos, config });
    await withSessions.register(signalRoutes, { repos, config });
    await withSessions.register(dialogRoutes, { repos, config });
    const oidcClients = new OidcClients(loginServices(config, secrets.idpCookieKey), options.tls?.fetch);
    await withSessions.register(fallbackRoutes, { config, repos, clients: oidcClients });
    await withSessions.register(recoveryRoutes, {
      config,
      repos,
      channel: options.ownerChannel ?? consoleOwnerChannel,
      codeKey: proofingCodeKey(secrets.sessionSecret),
    });
    await withSessions.register(labRoutes, { repos, config });
    await withSessions.register(phoneRoutes, {
      config,
      ...(options.tls?.rootCa ? { rootCa: options.tls.rootCa } : {}),
    });
    await withSessions.register(staffRoutes, { repos, config });
    await withSessions.register(supportRoutes, { repos, config });
    await withSessions.register(checkRoutes, { repos, config, fakeCredentialKey: secrets.fakeCredentialKey });
    await withSessions.register(askRoutes, { repos });
  });

  // Expired challenges and sessions are useless; clearing them keeps the tables small.
  const sweep = setInterval(() => {
    repos.transaction(() => {
      repos.challenges.purgeExpired();
      repos.sessions.purgeExpired();
      repos.oidcTransactions.purgeExpired();
      repos.recovery.purgeOlderThan(Date.now() - 60 * 60 * 1000);
      repos.strangerAttempts.purgeBefore(utcDay(Date.now() - STRANGER_ATTEMPT_DAYS * 86_400_000));
      repos.staff.purgeExpiredChallenges();
      repos.checkCodes.purgeExpired();
    });
  }, 60_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    groupCommit.commitNow();
    db.close();
  });

  return { app, db, repos, config, secrets, groupCommit, health };
}
