import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '../../server/plugins/errors.js';
import { startStack, type Stack } from '../support/stack.js';

// Requests Node's HTTP parser refuses (an oversized cookie, a control character in a header, a malformed chunked body)
// get the lab's error shape (plugins/errors.ts clientErrors), not {"error":"Bad Request","message":"Client Error"}; and
// a request whose body never arrives is ended (requestTimeout: Fastify's default, 0, held it forever).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

function rawRequest(text: string): Promise<{ status: number; body: string }> {
  const port = Number(new URL(stack.labUrl).port);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

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
      const reply = await rawRequest(text);
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
    expect(stack.running.lab.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(stack.running.idp!.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  });
});
