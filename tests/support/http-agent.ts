import { Agent, request } from 'node:http';
import { Cookies } from './cookies.js';

/** A minimal JSON client over real HTTP with its own cookies, for load, crash and concurrency tests. */
export class HttpAgent {
  private readonly cookies = new Cookies();
  constructor(
    private readonly base: string,
    /** Over HTTPS with the lab's own CA: a fetch that trusts it (tests/support/https.ts). */
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async post<T = any>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
    const url = `${this.base}${path}`;
    const response = await this.fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.cookies.header(url) },
      body: JSON.stringify(body),
    });
    this.cookies.keep(url, response.headers.getSetCookie());
    return { status: response.status, body: (await response.json()) as T };
  }

  async get<T = any>(path: string): Promise<{ status: number; body: T }> {
    const url = `${this.base}${path}`;
    const response = await this.fetchImpl(url, { headers: this.cookies.header(url) });
    this.cookies.keep(url, response.headers.getSetCookie());
    return { status: response.status, body: (await response.json()) as T };
  }
}

/**
 * A cookie-less JSON poster over one kept-alive node:http connection pool, for tests that send many requests one after
 * the other (the enumeration test's thousand names): half the client CPU of fetch per request (~1.2 ms against
 * ~2.5 ms here), which is what made such a test slow under load. close() ends its connections.
 */
export function keepAlivePoster(base: string) {
  const agent = new Agent({ keepAlive: true });
  const post = <T = any>(path: string, body: unknown = {}) =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      const data = JSON.stringify(body);
      const sent = request(
        `${base}${path}`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
        },
        (reply) => {
          let text = '';
          reply.setEncoding('utf8');
          reply.on('data', (chunk: string) => (text += chunk));
          reply.on('end', () => {
            try {
              resolve({ status: reply.statusCode ?? 0, body: JSON.parse(text) as T });
            } catch (error) {
              reject(error);
            }
          });
          reply.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(data);
    });
  return { post, close: () => agent.destroy() };
}
