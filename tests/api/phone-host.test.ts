import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

// GET /phone builds URLs from the request's Host. A missing Host (a plain HTTP/1.0 request) or one that is no valid
// authority (a port out of range, an unclosed IPv6 bracket) made the page throw (500); it now shows the page for the
// configured origin and says the address it was reached at is not one the lab is set up for.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

/** One raw request on its own connection; resolves with the status line and the body. */
function rawRequest(text: string): Promise<{ status: number; body: string }> {
  const port = Number(new URL(stack.labUrl).port);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

describe('GET /phone with a Host it cannot use', () => {
  const requests: [string, string][] = [
    ['an HTTP/1.0 request without Host', 'GET /phone HTTP/1.0\r\n\r\n'],
    ['a port out of range', 'GET /phone HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n'],
    ['an unclosed IPv6 bracket', 'GET /phone HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'],
  ];
  for (const [what, text] of requests) {
    it(`${what}: no 5xx`, async () => {
      const reply = await rawRequest(text);
      expect(reply.status, reply.body.slice(0, 200)).toBe(200);
      expect(reply.body).toContain('data-problem="not-configured"');
    });
  }
});
