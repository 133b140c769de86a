/** A minimal JSON client over real HTTP with its own session cookie, for load, crash and concurrency tests. */
export class HttpAgent {
  private cookie = '';
  constructor(private readonly base: string) {}

  async post<T = any>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(body),
    });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as T };
  }

  async get<T = any>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.base}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as T };
  }

  private remember(response: Response) {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      if (pair?.startsWith('lab_session=')) this.cookie = pair;
    }
  }
}
