import { describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.js';
import { stackPerFile } from '../support/stack-per-test.js';

// GET /phone builds URLs from the request's Host. A missing Host (a plain HTTP/1.0 request) or one that is no valid
// authority (a port out of range, an unclosed IPv6 bracket) made the page throw (500); it now shows the page for the
// configured origin and says the address it was reached at is not one the lab is set up for.

const shared = stackPerFile();

describe('GET /phone with a Host it cannot use', () => {
  const requests: [string, string][] = [
    ['an HTTP/1.0 request without Host', 'GET /phone HTTP/1.0\r\n\r\n'],
    ['a port out of range', 'GET /phone HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n'],
    ['an unclosed IPv6 bracket', 'GET /phone HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'],
  ];
  for (const [what, text] of requests) {
    it(`${what}: no 5xx`, async () => {
      const reply = await rawRequest(shared.stack.labUrl, text);
      expect(reply.status, reply.body.slice(0, 200)).toBe(200);
      expect(reply.body).toContain('data-problem="not-configured"');
    });
  }
});
