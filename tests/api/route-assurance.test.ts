import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequiredAssurance } from '../../server/plugins/assurance.js';
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
  routes = [];
  const collect = (route: RouteOptions) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, assurance: route.config?.assurance });
  };
  stack = await startStack({}, { onRoute: collect });
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

/** The API and the sign-in/link flows; the swagger-ui routes are the library's, page shells are static HTML. */
const inScope = (route: Walked) =>
  route.method !== 'HEAD' &&
  !route.url.startsWith('/api/docs') &&
  (route.url.startsWith('/api/') ||
    route.url.startsWith('/auth/') ||
    route.url.startsWith('/link/') ||
    route.method !== 'GET');

const call = (client: BrowserLikeClient, route: Walked) => {
  const url = `${stack.labUrl}${route.url.replace(/:[a-z]+/gi, 'x')}`;
  return client.request(url, route.method === 'GET' ? { method: 'GET' } : { method: route.method, json: {} });
};
const codeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};
const levelOf = (route: Walked) =>
  typeof route.assurance === 'function' ? 'passkey' : (route.assurance as RequiredAssurance);

describe('every route says who may call it', () => {
  it('declares config.assurance on each API and flow route', () => {
    const scoped = routes.filter(inScope);
    expect(scoped.length).toBeGreaterThan(30);
    expect(
      scoped.filter((route) => route.assurance === undefined).map((route) => `${route.method} ${route.url}`),
    ).toEqual([]);
  });

  it('refuses a stranger on every route that needs a sign-in or staff, before the handler', async () => {
    const guarded = routes.filter(inScope).filter((route) => !['anyone', 'signed-out'].includes(levelOf(route)));
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const reply = await call(new BrowserLikeClient(), route);
      const label = `${route.method} ${route.url}: ${reply.status} ${reply.body.slice(0, 200)}`;
      if (levelOf(route) === 'staff') {
        expect([reply.status, codeOf(reply.body)], label).toEqual([403, 'staff_only']);
      } else if (route.method === 'GET' && !route.url.startsWith('/api/')) {
        // A page that needs a sign-in sends a stranger to the sign-in page.
        expect([reply.status, reply.location], label).toEqual([303, `${stack.labUrl}/login`]);
      } else {
        expect([reply.status, codeOf(reply.body)], label).toEqual([401, 'sign_in_required']);
      }
    }
  });

  it('refuses a fallback (low assurance) session on every route that needs a passkey', async () => {
    const stepUp = routes
      .filter(inScope)
      .filter((route) => ['passkey', 'passkey-from-before-recovery'].includes(levelOf(route)));
    expect(stepUp.length).toBeGreaterThan(4);
    for (const route of stepUp) {
      const reply = await call(fallback, route);
      expect([reply.status, codeOf(reply.body)], `${route.method} ${route.url}: ${reply.body.slice(0, 200)}`).toEqual([
        403,
        'step_up_required',
      ]);
    }
  });

  it('refuses a signed-in browser on every route for signed-out browsers only', async () => {
    const signedOut = routes.filter(inScope).filter((route) => levelOf(route) === 'signed-out');
    expect(signedOut.length).toBeGreaterThan(0);
    for (const route of signedOut) {
      const reply = await call(owner, route);
      expect([reply.status, codeOf(reply.body)], `${route.method} ${route.url}`).toEqual([403, 'sign_out_first']);
    }
  });
});
