import { request } from 'node:http';
import { Cookies } from './cookies.js';

/**
 * A JSON client over real HTTP that connects from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so the
 * server sees distinct source IPs without any forwarding header. Keeps its own cookies like HttpAgent.
 */
export class SourceAgent {
  private readonly cookies = new Cookies();
  constructor(
    private readonly base: string,
    readonly localAddress: string,
  ) {}

  post<T = any>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
    return this.send('POST', path, JSON.stringify(body));
  }

  /** A GET; a redirect is not followed (its status is the answer). */
  get<T = any>(path: string): Promise<{ status: number; body: T }> {
    return this.send('GET', path);
  }

  private send<T>(method: string, path: string, payload?: string): Promise<{ status: number; body: T }> {
    const url = new URL(path, this.base);
    url.hostname = '127.0.0.1'; // the lab listens on IPv4 loopback; "localhost" may resolve to ::1 first
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          localAddress: this.localAddress,
          headers: {
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...this.cookies.header(url.href),
          },
        },
        (response) => {
          this.cookies.keep(url.href, response.headers['set-cookie']);
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: (text && response.headers['content-type']?.includes('json') ? JSON.parse(text) : text || null) as T,
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}
