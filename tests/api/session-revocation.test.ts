import { afterEach, describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// A revoked session never comes back (migration 011): a request of that session still under way when it was revoked
// saves the session at its end, and that save must not bring the row back.

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('a revoked session', () => {
  it('stays signed out when a request it had under way saves it afterwards', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stack = await startStack(
      {},
      {
        onRoute: (route) => {
          if (route.url !== '/link/:provider/confirm' || route.method !== 'GET') return;
          // Holds the request after its session was read and before its handler changes it (a new CSRF token).
          route.preHandler = [route.preHandler ?? []].flat().concat(async () => {
            arrived();
            await gate;
          });
        },
      },
    );
    const flows = accountFlows(stack);
    const owner = new BrowserLikeClient();
    const passkey = await flows.signUpWithPasskey(owner, 'revoked-mid-request');
    const other = new BrowserLikeClient();
    expect((await flows.passkeyLogin(other, 'revoked-mid-request', passkey)).status).toBe(200);

    const underWay = other.request(`${stack.labUrl}/link/google/confirm?action=link`);
    await reached;
    const everywhere = await owner.request(`${stack.labUrl}/api/session/logout-everywhere`, { json: {} });
    expect(everywhere.status).toBe(200);
    release();
    expect((await underWay).status).toBe(200);

    expect((await flows.session(other)).user).toBeNull();
    expect((await flows.session(owner)).user).toBeNull();
  });
});
