import { request as httpRequest } from 'node:http';
import { BrowserLikeClient, type Hop } from './stack.js';

/**
 * A BrowserLikeClient whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3, …: all of
 * 127.0.0.0/8 is this machine on Linux), so a server sees distinct sources the way it would see distinct machines.
 * Node's fetch cannot bind a local address without the undici package, hence node:http.
 */
export class SourceClient extends BrowserLikeClient {
  constructor(readonly source: string) {
    super();
  }

  override async request(url: string, init: Parameters<BrowserLikeClient['request']>[1] = {}): Promise<Hop> {
    const headers: Record<string, string> = { 'accept-language': 'en', ...this.cookies.header(url) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.origin) headers.origin = init.origin;
    const method = init.method ?? (body ? 'POST' : 'GET');
    const response = await new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: string;
    }>((resolve, reject) => {
      const outgoing = httpRequest(url, { method, headers, localAddress: this.source }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    this.cookies.keep(url, response.headers['set-cookie']);
    const location = response.headers.location as string | undefined;
    return {
      status: response.status,
      url,
      location: location ? new URL(location, url).href : null,
      body: response.body,
    };
  }
}
