import type { RouteOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequiredAssurance } from '../../server/plugins/assurance.js';
import { refusalText } from '../../server/support/refusal.js';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// Every route states who may call it (config.assurance), and the assurance plugin enforces what it states, before
// the handler: walks every route the lab registers (issue 14 point 2).

interface Walked {
  method: string;
  url: string;
  assurance: RouteOptions['config'] extends infer C ? (C extends { assurance?: infer A } ? A : unknown) : unknown;
}

let stack: Stack;
let routes: Walked[];
let owner: BrowserLikeClient;
let fallback: BrowserLikeClient;

beforeAll(async () => {
  // Read once the lab is built: a plugin that cannot take route options (the static files, swagger-ui) declares its
  // routes' level in an onRoute hook of its own, which runs after this one.
  const registered: RouteOptions[] = [];
  stack = await startStack({}, { onRoute: (route) => void registered.push(route) });
  routes = registered.flatMap((route) =>
    [route.method].flat().map((method) => ({ method, url: route.url, assurance: route.config?.assurance })),
  );
  const flows = accountFlows(stack);
  owner = new BrowserLikeClient();
  await flows.signUpWithPasskey(owner, 'walker');
  await flows.linkGoogle(owner, 'taro.personal@gmail.example');
  fallback = new BrowserLikeClient();
  expect(await flows.googleLogin(fallback, 'taro.personal@gmail.example')).toBe(`${stack.labUrl}/account?via=google`);
});
afterAll(async () => {
  await stack.close();
});

const call = (client: BrowserLikeClient, route: Walked) => {
  const url = `${stack.labUrl}${route.url.replace(/:[a-z]+/gi, 'x')}`;
  const bodiless = route.method === 'GET' || route.method === 'HEAD';
  return client.request(url, bodiless ? { method: route.method } : { method: route.method, json: {} });
};
const codeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};
/** Status and error code; a HEAD reply has no body, so only its status is compared. */
const refusal = (route: Walked, reply: { status: number; body: string }) => [
  reply.status,
  route.method === 'HEAD' ? 'no body' : codeOf(reply.body),
];
const refused = (route: Walked, status: number, code: string | undefined) => [
  status,
  route.method === 'HEAD' ? 'no body' : code,
];
const levelOf = (route: Walked) =>
  typeof route.assurance === 'function' ? 'passkey' : (route.assurance as RequiredAssurance);

describe('every route says who may call it', () => {
  it('declares config.assurance on every route: API, flows, page shells, static files and the API docs', () => {
    expect(routes.length).toBeGreaterThan(100);
    for (const url of ['/', '/login', '/account', '/check', '/staff/login', '/support', '/favicon.ico', '/assets/*'])
      expect(routes.filter((route) => route.url === url).length, url).toBeGreaterThan(0);
    expect(routes.some((route) => route.url.startsWith('/api/docs'))).toBe(true);
    expect(
      routes.filter((route) => route.assurance === undefined).map((route) => `${route.method} ${route.url}`),
    ).toEqual([]);
  });

  it("names every route in docs/security.md's Routes table, where each route's callers are written down", () => {
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Routes'), doc.indexOf('### Limits at a glance'));
    const named = (url: string) =>
      new RegExp(`[\\s\`(]${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\`\\s,)]`).test(table);
    const unnamed = routes
      .filter((route) => route.method !== 'HEAD' && !route.url.startsWith('/api/docs/'))
      .map((route) => route.url)
      .filter((url) => !named(url));
    expect([...new Set(unnamed)]).toEqual([]);
  });

  it('refuses a stranger on every route that needs a sign-in or staff, before the handler', async () => {
    const guarded = routes.filter((route) => !['anyone', 'signed-out'].includes(levelOf(route)));
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const reply = await call(new BrowserLikeClient(), route);
      const label = `${route.method} ${route.url}: ${reply.status} ${reply.body.slice(0, 200)}`;
      if (levelOf(route) === 'staff' && !route.url.startsWith('/api/')) {
        // The console's page: a short refusal in words (the client sends Accept-Language: en), not JSON.
        const words = route.method === 'HEAD' ? '' : refusalText('en', false);
        expect([reply.status, reply.body], label).toEqual([403, words]);
      } else if (levelOf(route) === 'staff') {
        expect(refusal(route, reply), label).toEqual(refused(route, 403, 'staff_only'));
      } else if (['GET', 'HEAD'].includes(route.method) && !route.url.startsWith('/api/')) {
        // A page that needs a sign-in sends a stranger to the sign-in page.
        expect([reply.status, reply.location], label).toEqual([303, `${stack.labUrl}/login`]);
      } else {
        expect(refusal(route, reply), label).toEqual(refused(route, 401, 'sign_in_required'));
      }
    }
  });

  it('refuses a fallback (low assurance) session on every route that needs a passkey', async () => {
    const stepUp = routes.filter((route) => ['passkey', 'passkey-from-before-recovery'].includes(levelOf(route)));
    expect(stepUp.length).toBeGreaterThan(4);
    for (const route of stepUp) {
      const reply = await call(fallback, route);
      const label = `${route.method} ${route.url}: ${reply.body.slice(0, 200)}`;
      expect(refusal(route, reply), label).toEqual(refused(route, 403, 'step_up_required'));
    }
  });

  it('refuses a signed-in browser on every route for signed-out browsers only', async () => {
    const signedOut = routes.filter((route) => levelOf(route) === 'signed-out');
    expect(signedOut.length).toBeGreaterThan(0);
    for (const route of signedOut) {
      const reply = await call(owner, route);
      expect(refusal(route, reply), `${route.method} ${route.url}`).toEqual(refused(route, 403, 'sign_out_first'));
    }
  });
});
