/** A minimal JSON client over real HTTP with its own session cookie, for load, crash and concurrency tests. */
export class HttpAgent {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    /** Over HTTPS with the lab's own CA: a fetch that trusts it (tests/support/https.ts). */
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async post<T = any>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
    const response = await this.fetchImpl(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.cookieHeader() },
      body: JSON.stringify(body),
    });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as T };
  }

  async get<T = any>(path: string): Promise<{ status: number; body: T }> {
    const response = await this.fetchImpl(`${this.base}${path}`, { headers: this.cookieHeader() });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as T };
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }

  private remember(response: Response) {
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';')[0]!;
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
}
