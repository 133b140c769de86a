import { describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '../../server/plugins/errors.js';
import { rawRequest } from '../support/raw-http.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Requests Node's HTTP parser refuses (an oversized cookie, a control character in a header, a malformed chunked body)
// get the lab's error shape (plugins/errors.ts clientErrors), not {"error":"Bad Request","message":"Client Error"}; and
// a request whose body never arrives is ended (requestTimeout: Fastify's default, 0, held it forever).

const shared = stackPerFile();

describe('refusals before routing keep the error shape', () => {
  const requests: [string, string][] = [
    [
      'an oversized session cookie',
      `GET /api/session HTTP/1.1\r\nHost: localhost\r\nCookie: lab_session=${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    ],
    [
      'a control character in a header',
      'GET /api/session HTTP/1.1\r\nHost: localhost\r\nX-A: a\x01b\r\nConnection: close\r\n\r\n',
    ],
    [
      'a malformed chunked body',
      'POST /api/session/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
    ],
  ];
  for (const [what, text] of requests) {
    it(`${what}: a 4xx with { error: { code, message } }`, async () => {
      const reply = await rawRequest(shared.stack.labUrl, text);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      const body = JSON.parse(reply.body) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code, reply.body).toBe('string');
      expect(typeof body.error?.message, reply.body).toBe('string');
    });
  }
});

describe('a request whose body never arrives', () => {
  it('is bounded in time on the lab and on the mock identity providers', () => {
    expect(shared.stack.running.lab.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(shared.stack.running.idp!.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  });
});
