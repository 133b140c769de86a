import type { FastifyInstance } from 'fastify';
import { buildApp, type Lab } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { ephemeralSecrets } from '../../server/secrets.js';
import { Cookies } from './cookies.js';

export const TEST_ORIGIN = 'http://localhost:3000';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_PATH: ':memory:',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    IDP_MODE: 'off',
    ...env,
  });
}

export async function startTestLab(env: Record<string, string> = {}): Promise<Lab> {
  const lab = await buildApp(testConfig(env), { secrets: ephemeralSecrets(), logger: false });
  await lab.app.ready();
  return lab;
}

/** A test lab whose owner channel (identity-proofing codes) delivers into `inbox`. */
export async function startTestLabWithInbox(): Promise<{ lab: Lab; inbox: { username: string; code: string }[] }> {
  const inbox: { username: string; code: string }[] = [];
  const lab = await buildApp(testConfig(), {
    secrets: ephemeralSecrets(),
    logger: false,
    ownerChannel: { deliver: (message) => void inbox.push(message) },
  });
  await lab.app.ready();
  return { lab, inbox };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser-like client for app.inject: keeps its own cookies, sends JSON. */
export class Agent {
  private readonly cookies = new Cookies();
  /**
   * The origin the requests look like they reach (its Host and scheme), for the cookie jar's domain and Secure rules.
   */
  private readonly origin: string;
  constructor(
    private app: FastifyInstance,
    private headers: Record<string, string> = {},
  ) {
    this.origin = `${headers['x-forwarded-proto'] ?? 'http'}://${headers.host ?? new URL(TEST_ORIGIN).host}`;
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const address = new URL(url, this.origin).href;
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...this.headers,
        ...this.cookies.header(address),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extraHeaders,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    this.cookies.keep(address, response.headers['set-cookie'] as string | string[] | undefined);
    let parsed: unknown = response.body;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      // not JSON (pages)
    }
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  }

  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  /** The value of one of this client's cookies for the lab's origin, as a browser would send it. */
  cookie(name: string): string | undefined {
    return this.cookies.jar.getCookiesSync(this.origin).find((cookie) => cookie.key === name)?.value;
  }
}
