import { describe, expect, it } from 'vitest';
import { stackPerFile } from '../support/stack-per-test.js';

// The username plugin makes `username` canonical in a request's body and path only. It also read the query string of
// every request, so the login page's own form submitted without its script (GET /login?username=…), a shared page
// address, the page scripts and the health check answered 400 in raw English for a name that was not valid.

const shared = stackPerFile();

describe('a username query parameter on a route that takes none', () => {
  for (const path of [
    '/login?username=',
    '/signup?username=a%2Fb',
    '/lost-phone?username=%F0%9F%98%80',
    '/assets/login.js?username=',
    '/api/health?username=',
  ]) {
    it(`GET ${path} answers as without it`, async () => {
      const reply = await fetch(`${shared.stack.labUrl}${path}`, { headers: { 'accept-language': 'ja' } });
      const body = await reply.text();
      expect(reply.status, body.slice(0, 200)).toBe(200);
    });
  }
});
