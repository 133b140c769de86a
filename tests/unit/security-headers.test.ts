import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { strictCspDirectives } from '../../server/plugins/csp.js';
import { recordHelmet, securityHeadersPlugin } from '../../server/plugins/security-headers.js';

const response = () => {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'something');
  return res;
};

describe('helmet recorded once', () => {
  it.each([false, true])('replays exactly what helmet does to a response (https %s)', (https) => {
    const middleware = helmet({
      contentSecurityPolicy: {
        directives: strictCspDirectives({ formActionOrigins: ['http://idp.test'], upgradeInsecureRequests: https }),
      },
      strictTransportSecurity: https,
      referrerPolicy: { policy: 'same-origin' },
    });
    const byHelmet = response();
    middleware(byHelmet.req, byHelmet, () => undefined);

    const replayed = response();
    const recorded = recordHelmet(middleware);
    for (const name of recorded.remove) replayed.removeHeader(name);
    for (const [name, value] of recorded.set) replayed.setHeader(name, value);

    expect(replayed.getHeaders()).toEqual(byHelmet.getHeaders());
    expect(Object.keys(byHelmet.getHeaders())).toContain('content-security-policy');
    expect(byHelmet.getHeader('x-powered-by')).toBeUndefined();
  });
});

describe('where the headers are written', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  /** A server with the plugin and one route of each kind of reply; its base URL over real HTTP. */
  async function serve(via: 'raw' | 'reply' | undefined, rawHeadersSeen: string[][] = []) {
    const app = Fastify();
    apps.push(app);
    await app.register(securityHeadersPlugin, { formActionOrigins: ['http://idp.test'], https: false, via });
    app.addHook('preHandler', async (_request, reply) => {
      rawHeadersSeen.push(reply.raw.getHeaderNames());
    });
    app.get('/json', async () => ({ ok: true }));
    app.get('/refused', async () => {
      throw Object.assign(new Error('no'), { statusCode: 403 });
    });
    app.get('/moved', async (_request, reply) => reply.redirect('/json', 303));
    app.get('/assets/app.js', async (_request, reply) => reply.type('text/javascript').send('1'));
    app.get('/hijacked', async (_request, reply) => {
      reply.hijack();
      reply.raw.end('handed over');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  const securityHeaders = (response: Response) =>
    Object.fromEntries(
      [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)),
    );

  it("through Fastify's reply: the same headers as on the raw response, on every kind of reply", async () => {
    const [raw, reply] = await Promise.all([serve('raw'), serve('reply')]);
    for (const path of ['/json', '/refused', '/moved', '/assets/app.js', '/no-such-route']) {
      const [byRaw, byReply] = await Promise.all([
        fetch(raw + path, { redirect: 'manual' }),
        fetch(reply + path, { redirect: 'manual' }),
      ]);
      expect(byReply.status, path).toBe(byRaw.status);
      expect(securityHeaders(byReply), path).toEqual(securityHeaders(byRaw));
      expect(byReply.headers.get('content-security-policy'), path).toContain("form-action 'self' http://idp.test");
      expect(byReply.headers.get('cache-control'), path).toBe(path.startsWith('/assets/') ? null : 'no-store');
    }
  });

  it("through Fastify's reply, Node's response holds no header until the head is written", async () => {
    const seen: string[][] = [];
    const reply = await serve('reply', seen);
    await fetch(`${reply}/json`);
    expect(seen).toEqual([[]]);
  });

  it('on the raw response (the default), a reply handed to another library keeps them', async () => {
    const raw = await serve(undefined);
    const handedOver = await fetch(`${raw}/hijacked`);
    expect(await handedOver.text()).toBe('handed over');
    expect(handedOver.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(handedOver.headers.get('cache-control')).toBe('no-store');
  });
});
