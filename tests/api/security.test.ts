import type { onSendAsyncHookHandler } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type Lab } from '../../server/app.js';
import { ephemeralSecrets } from '../../server/secrets.js';
import { Agent, startTestLab, TEST_ORIGIN, testConfig } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

let lab: Lab | undefined;
const SECURITY_HEADERS = [
  'cache-control',
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];
afterEach(async () => {
  await lab?.app.close();
  lab = undefined;
});

describe('security defaults', () => {
  it('sends a strict CSP without inline script, no-store, and no framing', async () => {
    lab = await startTestLab();
    for (const url of ['/login', '/api/session']) {
      const reply = await lab.app.inject({ url });
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses a malformed URL with strict headers too, though no route or hook ran', async () => {
    lab = await startTestLab();
    const reply = await lab.app.inject({ url: '/api/%zz%' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(String(reply.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it("writes them through Fastify's reply: Node's response holds no header until the head is written", async () => {
    // A header set on Node's response makes Node copy every header of the reply onto it before writing the head
    // (docs/benchmark.md, "Session 9: the request side"). Each route gets a last onSend hook that looks.
    const seen: string[][] = [];
    const look: onSendAsyncHookHandler = async (_request, reply, payload) => {
      seen.push(reply.raw.getHeaderNames());
      return payload;
    };
    lab = await buildApp(testConfig(), {
      secrets: ephemeralSecrets(),
      logger: false,
      onRoute: (route) => {
        route.onSend = [route.onSend ?? []].flat().concat(look);
      },
    });
    await lab.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(lab.app.server.address() as AddressInfo).port}`;
    const replies = [
      await fetch(`${base}/login`),
      await fetch(`${base}/api/session`),
      await fetch(`${base}/api/authentication/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    for (const reply of replies) {
      expect(reply.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
    expect(seen).toEqual([[], [], []]);
  });

  it('sends the same security headers on every kind of refusal as on a success', async () => {
    // Each refusal comes from a different place (body parsing, schema validation, the cross-site check, the rate
    // limit, the router, the durable-replies hook); a plugin registered in the wrong order would miss some of them.
    // A refusal before routing (a malformed URL) gets a shorter strict set: the test above.
    lab = await buildApp(testConfig({ RATE_LIMIT_PER_MINUTE: '1' }), {
      secrets: ephemeralSecrets(),
      logger: false,
      onRoute: (route) => {
        if (route.url !== '/api/session' || route.method !== 'GET') return;
        // A write whose foreign key is checked only at COMMIT: the shared commit fails, and this reply is a 503.
        route.preHandler = [route.preHandler ?? []].flat().concat(async (request) => {
          if (!request.headers['x-fail-commit']) return;
          lab!.groupCommit.run(() => {
            lab!.db.pragma('defer_foreign_keys = ON');
            lab!.db
              .prepare(
                "INSERT INTO identities (account_id, provider, issuer, subject, linked_at) VALUES (999999, 'x', 'y', 'z', 0)",
              )
              .run();
          });
        });
      },
    });
    const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
      lab!.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
    const success = await lab.app.inject({ url: '/api/session' });
    const refusals = {
      400: await post('/api/registration/options', JSON.stringify({ username: 'x', isAdmin: true })),
      403: await post('/api/registration/options', JSON.stringify({ username: 'x' }), {
        origin: 'https://evil.example',
      }),
      404: await lab.app.inject({ url: '/api/no-such-route' }),
      413: await post('/api/dialogs/predict', JSON.stringify({ pad: 'x'.repeat(200_000) })),
      415: await post('/api/registration/options', 'username=x', { 'content-type': 'text/plain' }),
      429: await (async () => {
        await post('/api/authentication/options', '{}');
        return post('/api/authentication/options', '{}');
      })(),
      503: await lab.app.inject({ url: '/api/session', headers: { 'x-fail-commit': '1' } }),
    };
    const security = (headers: Record<string, unknown>) =>
      Object.fromEntries(SECURITY_HEADERS.map((name) => [name, headers[name]]));
    for (const [kind, reply] of Object.entries(refusals)) {
      expect({ kind, status: reply.statusCode }).toEqual({ kind, status: Number(kind) });
      expect(reply.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect({ kind, headers: security(reply.headers) }).toEqual({ kind, headers: security(success.headers) });
    }
    expect(String(success.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
  });

  it('sets the session and binding cookies HttpOnly and SameSite=Lax, the id alone; Secure when the origin is https', async () => {
    lab = await startTestLab();
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'cookie-check' });
    const verify = await agent.post('/api/registration/verify', {
      response: new SoftAuthenticator({ origin: TEST_ORIGIN }).createCredential(options.body),
    });
    for (const name of ['lab_ceremony', 'lab_session']) {
      const setCookie = [options.headers['set-cookie'], verify.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith(`${name}=`))!;
      expect(setCookie, name).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).not.toMatch(/Secure/);
      // The bare id (plugins/cookie-ids.ts): no signature, and the database keeps only its digest.
      const value = setCookie.split(';')[0]!.slice(name.length + 1);
      expect(value).toMatch(name === 'lab_session' ? /^[0-9a-z]{9}[A-Za-z0-9_-]{24}$/ : /^[A-Za-z0-9_-]{24}$/);
    }
    await lab.app.close();

    lab = await startTestLab({ PUBLIC_ORIGIN: 'https://lab.example', TRUST_PROXY: 'true' });
    const secure = await lab.app.inject({
      method: 'POST',
      url: '/api/registration/options',
      payload: { username: 'cookie-check' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(secure.cookies.find((c) => c.name === 'lab_ceremony')!.secure).toBe(true);
    // The session cookie appears at sign-in (anonymous page views make no session).
    const httpsBrowser = new Agent(lab.app, { 'x-forwarded-proto': 'https' });
    const httpsOptions = await httpsBrowser.post('/api/registration/options', { username: 'cookie-check-https' });
    const signedIn = await httpsBrowser.post('/api/registration/verify', {
      response: new SoftAuthenticator({ origin: 'https://lab.example' }).createCredential(httpsOptions.body),
    });
    expect(
      [signedIn.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('lab_session=')),
    ).toMatch(/Secure/);
    expect(secure.headers['strict-transport-security']).toBeDefined();
  });

  it('a copy of the database signs nobody in: it holds digests of the cookies, never the ids', async () => {
    lab = await startTestLab();
    const agent = new Agent(lab.app);
    const authenticator = new SoftAuthenticator({ origin: TEST_ORIGIN });
    const options = await agent.post('/api/registration/options', { username: 'at-rest' });
    const verify = await agent.post('/api/registration/verify', {
      response: authenticator.createCredential(options.body),
    });
    const cookie = [verify.headers['set-cookie']]
      .flat()
      .map(String)
      .find((c) => c.startsWith('lab_session='))!;
    const sid = cookie.split(';')[0]!.slice('lab_session='.length);
    const session = (cookieValue: string) =>
      lab!.app.inject({ url: '/api/session', headers: { cookie: `lab_session=${cookieValue}` } });
    expect((await session(sid)).json().user).toMatchObject({ username: 'at-rest' });

    const stored = (lab.db.prepare('SELECT id FROM sessions').get() as { id: string }).id;
    expect(stored).not.toBe(sid);
    expect(JSON.stringify(lab.db.prepare('SELECT * FROM sessions').all())).not.toContain(sid);
    // Neither the stored key, nor the id with a signature the lab's cookies carried before, nor a near miss.
    for (const forged of [stored, `${sid}.oldsignature`, sid.slice(0, -1) + (sid.endsWith('A') ? 'B' : 'A')]) {
      expect((await session(forged)).json().user, forged).toBeNull();
    }
  });

  it('refuses cross-site state changes and unknown fields', async () => {
    lab = await startTestLab();
    const crossSite = await lab.app.inject({
      method: 'POST',
      url: '/api/registration/options',
      payload: { username: 'x' },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(JSON.parse(crossSite.body).error.code).toBe('cross_origin_request');
    const extra = await lab.app.inject({
      method: 'POST',
      url: '/api/registration/options',
      payload: { username: 'x', isAdmin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(JSON.parse(extra.body).error.code).toBe('invalid_request');
    const textPlain = await lab.app.inject({
      method: 'POST',
      url: '/api/registration/options',
      payload: 'username=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(textPlain.statusCode).toBe(415);
    const huge = await lab.app.inject({
      method: 'POST',
      url: '/api/dialogs/predict',
      payload: JSON.stringify({ pad: 'x'.repeat(200_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('body_too_large');
  });

  it('rate-limits ceremonies per IP and per account with a clear 429', async () => {
    lab = await startTestLab({ RATE_LIMIT_PER_MINUTE: '3' });
    const fromOneIp = [];
    for (let i = 0; i < 4; i++) {
      fromOneIp.push(
        await lab.app.inject({
          method: 'POST',
          url: '/api/authentication/options',
          payload: { username: `user-${i}` },
          remoteAddress: '10.0.0.1',
        }),
      );
    }
    expect(fromOneIp.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(JSON.parse(fromOneIp[3]!.body).error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Too many attempts/),
    });
    expect(Number(fromOneIp[3]!.headers['retry-after'])).toBeGreaterThan(0);

    // Per account: 3 per source, 15 (5 × 3) from all sources together (tests/api/rate-limits.test.ts over real HTTP).
    const oneAccountManyIps = [];
    for (let i = 0; i < 16; i++) {
      oneAccountManyIps.push(
        await lab.app.inject({
          method: 'POST',
          url: '/api/authentication/options',
          payload: { username: 'target' },
          remoteAddress: `10.0.1.${i}`,
        }),
      );
    }
    expect(oneAccountManyIps.map((r) => r.statusCode)).toEqual([...Array(15).fill(200), 429]);
  });
});
