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
