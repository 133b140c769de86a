import { describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.js';
import { stackPerFile } from '../support/stack-per-test.js';

// GET /phone builds URLs from the request's Host. A missing Host (a plain HTTP/1.0 request) or one that is no valid
// authority (a port out of range, an unclosed IPv6 bracket) made the page throw (500); it now shows the page for the
// configured origin and says the address it was reached at is not one the lab is set up for. Behind a trusted proxy
// the address comes from X-Forwarded-Host, which is as free-form.

const shared = stackPerFile();
const proxied = stackPerFile({ TRUST_PROXY: 'true' });

describe('GET /phone with a Host it cannot use', () => {
  const requests: [string, string][] = [
    ['an HTTP/1.0 request without Host', 'GET /phone HTTP/1.0\r\n\r\n'],
    ['a port out of range', 'GET /phone HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n'],
    ['an unclosed IPv6 bracket', 'GET /phone HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'],
    ['a space in the name', 'GET /phone HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'],
    ['brackets around no IPv6 address', 'GET /phone HTTP/1.1\r\nHost: [zz]\r\nConnection: close\r\n\r\n'],
  ];
  for (const [what, text] of requests) {
    it(`${what}: no 5xx`, async () => {
      const reply = await rawRequest(shared.stack.labUrl, text);
      expect(reply.status, reply.body.slice(0, 200)).toBe(200);
      expect(reply.body).toContain('data-problem="not-configured"');
    });
  }
});

describe('GET /phone behind a trusted proxy with an X-Forwarded-Host it cannot use', () => {
  for (const forwarded of ['[::1', 'localhost:99999', 'a b']) {
    it(`X-Forwarded-Host: ${forwarded}: no 5xx`, async () => {
      const text = `GET /phone HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: ${forwarded}\r\nConnection: close\r\n\r\n`;
      const reply = await rawRequest(proxied.stack.labUrl, text);
      expect(reply.status, reply.body.slice(0, 200)).toBe(200);
      expect(reply.body).toContain('data-problem="not-configured"');
    });
  }
});
