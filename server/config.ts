// Configuration comes from environment variables; every one is optional.
// A bad value stops start-up with one line naming the variable (ConfigError).

import { LINE_LIKE_ACCOUNTS, type DemoIdentity } from './idp/accounts.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** The first of PUBLIC_ORIGIN's origins: printed at start-up, the OIDC callbacks' origin, the phone QR's fallback. */
  publicOrigin: string;
  /** Every origin browsers may use (PUBLIC_ORIGIN, comma-separated); WebAuthn accepts exactly these. */
  publicOrigins: string[];
  /** Every public origin is https: cookies are Secure, HSTS and upgrade-insecure-requests are sent. */
  secureOrigins: boolean;
  /** PEM files that make the lab and the mock identity providers serve HTTPS (TLS_CERT / TLS_KEY); read at start-up. */
  tls?: { certPath: string; keyPath: string };
  rpId: string;
  rpName: string;
  databasePath: string;
  /** Folder for generated secrets; next to the database unless the database is in memory. */
  dataDir: string;
  logLevel: LogLevel;
  /**
   * Ceremony attempts per minute per source address (also per account from one address); each account gets
   * ACCOUNT_CEILING_FACTOR (5) times this from all sources together; the self-check (/api/check) at most 20.
   */
  rateLimitPerMinute: number;
  challengeTtlMs: number;
  idp: {
    mode: 'mock' | 'off';
    port: number;
    /** Origin of the mock identity providers; a different host from the lab so cookies are really cross-site. */
    origin: string;
    /** Interface the mock identity providers listen on: loopback unless IDP_ORIGIN names another host (then HOST). */
    listenHost: string;
    /** The mock's demo LINE identity the story's account is linked to: the lab reads it here, not in server/idp/. */
    storyIdentity: Pick<DemoIdentity, 'sub' | 'email' | 'name'>;
  };
  /** Real Google / LINE replace the mock identity providers as login services when their credentials are set. */
  realLoginServices: {
    google?: { clientId: string; clientSecret: string };
    line?: { channelId: string; channelSecret: string };
  };
  /** Refuse LINE logins whose ID token lacks amr "mfa" (LINE's browser 2FA). */
  requireLineMfa: boolean;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* so https is recognised (Secure cookies need it). */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable} ${detail}`);
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a port number (0-65535), got "${raw}"`);
  const port = Number(raw);
  if (port > 65535) throw new ConfigError(name, `must be a port number (0-65535), got "${raw}"`);
  return port;
}

function parsePositiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ConfigError(name, `must be a positive integer, got "${raw}"`);
  return Number(raw);
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function parseOrigin(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an origin such as http://localhost:3000, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError(name, `must be an http(s) origin without a path, got "${raw}"`);
  }
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env, 'PORT', 3000);
  const host = env.HOST || 'localhost';
  const tls = parseTls(env);
  const scheme = tls ? 'https' : 'http';
  const origins = (env.PUBLIC_ORIGIN || `${scheme}://localhost:${port}`)
    .split(',')
    .map((raw) => raw.trim())
    .filter((raw) => raw !== '')
    .map((raw) => parseOrigin('PUBLIC_ORIGIN', raw));
  if (origins.length === 0) throw new ConfigError('PUBLIC_ORIGIN', 'must name at least one origin');
  const publicOrigins = [...new Set(origins.map((origin) => origin.origin))];
  if (tls && !origins.some((origin) => origin.protocol === 'https:')) {
    throw new ConfigError(
      'PUBLIC_ORIGIN',
      `must include an https origin when TLS_CERT is set (the lab then serves HTTPS), got "${env.PUBLIC_ORIGIN}"`,
    );
  }
  const rpId = env.RP_ID || origins[0]!.hostname;
  // WebAuthn requires the RP ID to be each origin's host or a registrable suffix of it; one RP ID serves every origin.
  for (const origin of origins) {
    if (origin.hostname !== rpId && !origin.hostname.endsWith(`.${rpId}`)) {
      // Passkeys are bound to one RP ID, so origins on unrelated hosts cannot share the lab's accounts.
      throw env.RP_ID
        ? new ConfigError(
            'RP_ID',
            `must be the host of every PUBLIC_ORIGIN or a parent domain of it; ${origin.origin} is not under "${rpId}"`,
          )
        : new ConfigError(
            'PUBLIC_ORIGIN',
            `origins must all be on the first one's host "${rpId}" or its subdomains (or set RP_ID to a common parent domain); ${origin.origin} is not`,
          );
    }
  }
  const databasePath = env.DATABASE_PATH || './data/lab.sqlite';
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const idpMode = env.IDP_MODE || 'mock';
  if (idpMode !== 'mock' && idpMode !== 'off')
    throw new ConfigError('IDP_MODE', `must be "mock" or "off", got "${idpMode}"`);
  const idpPort = parsePort(env, 'IDP_PORT', 4000);
  const idpOrigin = parseOrigin('IDP_ORIGIN', env.IDP_ORIGIN || `${scheme}://127.0.0.1:${idpPort}`);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(idpOrigin.hostname);

  return {
    port,
    host,
    publicOrigin: publicOrigins[0]!,
    publicOrigins,
    secureOrigins: publicOrigins.every((origin) => origin.startsWith('https:')),
    ...(tls ? { tls } : {}),
    rpId,
    rpName: env.RP_NAME || 'Passkey Dialog Lab',
    databasePath,
    dataDir: env.DATA_DIR || (databasePath === ':memory:' ? './data' : dirnameOf(databasePath)),
    logLevel,
    rateLimitPerMinute: parsePositiveInt(env, 'RATE_LIMIT_PER_MINUTE', 60),
    challengeTtlMs: 5 * 60 * 1000,
    idp: {
      mode: idpMode,
      port: idpPort,
      origin: idpOrigin.origin,
      listenHost: loopback ? '127.0.0.1' : host,
      storyIdentity: LINE_LIKE_ACCOUNTS[0]!,
    },
    realLoginServices: {
      ...(pair(env, 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET')
        ? { google: { clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET! } }
        : {}),
      ...(pair(env, 'LINE_CHANNEL_ID', 'LINE_CHANNEL_SECRET')
        ? { line: { channelId: env.LINE_CHANNEL_ID!, channelSecret: env.LINE_CHANNEL_SECRET! } }
        : {}),
    },
    requireLineMfa: parseBoolean(env, 'REQUIRE_LINE_MFA', true),
    trustProxy: parseBoolean(env, 'TRUST_PROXY', false),
  };
}

/**
 * The configured origin a request came in on (scheme and Host, X-Forwarded-* with TRUST_PROXY), or the first one for a
 * request on an address that is not in PUBLIC_ORIGIN. OIDC callbacks return to it, so the session cookie goes along.
 */
export function originOfRequest(
  config: Pick<Config, 'publicOrigins'>,
  request: { protocol: string; host: string },
): string {
  const origin = `${request.protocol}://${request.host}`;
  return config.publicOrigins.includes(origin) ? origin : config.publicOrigins[0]!;
}

/** TLS_CERT and TLS_KEY come together; the files are read (and checked) when the servers start. */
function parseTls(env: NodeJS.ProcessEnv): Config['tls'] {
  if (!pair(env, 'TLS_CERT', 'TLS_KEY')) return undefined;
  return { certPath: env.TLS_CERT!, keyPath: env.TLS_KEY! };
}

/** Both variables of a pair, or neither: half a client registration is a mistake worth stopping for. */
function pair(env: NodeJS.ProcessEnv, id: string, secret: string): boolean {
  if (!env[id] && !env[secret]) return false;
  if (!env[id]) throw new ConfigError(id, `must be set together with ${secret}`);
  if (!env[secret]) throw new ConfigError(secret, `must be set together with ${id}`);
  return true;
}

function dirnameOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? (index === 0 ? '/' : '.') : path.slice(0, index);
}
