import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import type { BuildOptions } from '../../server/app.js';
import type { OwnerChannel } from '../../server/recovery/owner-channel.js';
import { ephemeralSecrets } from '../../server/secrets.js';
import { Cookies } from './cookies.js';
import { startLab, type RunningLab } from '../../server/start.js';
import { StartupError } from '../../server/startup-errors.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Two different free ports. Each is free when picked but nothing holds it, so the system may hand out the same one
 * twice (it did under load: the stack then failed with "IDP_PORT must differ from PORT").
 */
export async function twoFreePorts(pick: () => Promise<number> = freePort): Promise<[number, number]> {
  const first = await pick();
  let second = await pick();
  while (second === first) second = await pick();
  return [first, second];
}

export interface Stack {
  config: Config;
  running: RunningLab;
  labUrl: string;
  idpUrl: string;
  dataDir: string;
  close: () => Promise<void>;
}

/**
 * The lab and its mock providers over real HTTP, on free ports, with a temporary database. The ports go into the
 * configuration (origins, issuer) before anything listens, so another program can take one in between: several test
 * runs on one machine do. Then the stack starts again on other ports (startLab leaves nothing half-started).
 */
export async function startStack(
  env: Record<string, string> = {},
  options: { idpClock?: () => number; ownerChannel?: OwnerChannel; onRoute?: BuildOptions['onRoute'] } = {},
): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    const [port, idpPort] = await twoFreePorts();
    const dataDir = mkdtempSync(join(tmpdir(), 'passkey-lab-'));
    const config = loadConfig({
      PORT: String(port),
      IDP_PORT: String(idpPort),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dataDir, 'lab.sqlite'),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '10000',
      ...env,
    });
    let running: RunningLab;
    try {
      running = await startLab(config, { secrets: ephemeralSecrets(), logger: false, ...options });
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      const taken = error instanceof StartupError && error.portInUse !== undefined;
      if (taken && attempt < 5 && env.PORT === undefined && env.IDP_PORT === undefined) continue;
      throw error;
    }
    return {
      config,
      running,
      labUrl: config.publicOrigin,
      idpUrl: config.idp.origin,
      dataDir,
      close: async () => {
        await running.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
}

export interface Hop {
  status: number;
  url: string;
  location: string | null;
  body: string;
}

/** A browser-like HTTP client: one cookie jar across hosts, redirects followed by hand so each hop can be seen. */
export class BrowserLikeClient {
  protected readonly cookies = new Cookies();
  readonly jar = this.cookies.jar;
  constructor(
    private readonly headers: Record<string, string> = { 'accept-language': 'en' },
    /** Over HTTPS with the lab's own CA: a fetch that trusts it (tests/support/https.ts). */
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      json?: unknown;
      origin?: string;
      /** Sent with this request only, over the client's own (e.g. another User-Agent). */
      headers?: Record<string, string>;
    } = {},
  ): Promise<Hop> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers, ...this.cookies.header(url) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.origin) headers.origin = init.origin;
    const response = await this.fetchImpl(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    this.cookies.keep(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      status: response.status,
      url,
      location: location ? new URL(location, url).href : null,
      body: await response.text(),
    };
  }

  /** Follows redirects (GET) until a page answers; returns every hop. */
  async follow(url: string, init: Parameters<BrowserLikeClient['request']>[1] = {}, maxHops = 15): Promise<Hop[]> {
    const hops: Hop[] = [];
    let hop = await this.request(url, init);
    hops.push(hop);
    while (hop.location && hop.status >= 300 && hop.status < 400 && hops.length < maxHops) {
      hop = await this.request(hop.location);
      hops.push(hop);
    }
    return hops;
  }
}

export const last = <T>(items: T[]): T => items[items.length - 1]!;

/** Test-only form reading: the action, the CSRF token and a named input's value of the page's first form. */
export function formOf(html: string, index = 0) {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms[index];
  if (!form) throw new Error(`no form #${index} in page: ${html.slice(0, 300)}`);
  const inputs = Object.fromEntries(
    [...form[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&amp;/g, '&'),
    ]),
  );
  return { action: form[1]!.replace(/&amp;/g, '&'), inputs };
}
