import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// server/app.ts registers the session plugin only around the routes that read or write a session: the health check,
// the page shells and the bundled assets get no session (no id, no signature, no store look-up), every other route
// still does. Seen from the session store: which requests look the browser's session up.

let lab: Lab;
beforeEach(async () => {
  lab = await startTestLab();
});
afterEach(async () => {
  await lab.app.close();
});

async function signedIn() {
  const agent = new Agent(lab.app);
  const authenticator = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const options = await agent.post('/api/registration/options', { username: 'scoped' });
  const verify = await agent.post('/api/registration/verify', {
    response: authenticator.createCredential(options.body),
  });
  expect(verify.status).toBe(200);
  return agent;
}

describe('sessions only where they are used', () => {
  it('the health check, page shells and assets never look the session up; the API routes still do', async () => {
    const agent = await signedIn();
    const lookups = vi.spyOn(lab.repos.sessions, 'get');

    for (const url of ['/api/health', '/login', '/account', '/assets/styles.css', '/']) {
      const reply = await agent.get(url);
      expect(reply.status, url).toBeLessThan(400);
      expect(reply.headers['set-cookie'], url).toBeUndefined();
    }
    expect(lookups).not.toHaveBeenCalled();

    // The signed-in session is intact and read where it is needed: the account, the login's own routes.
    expect((await agent.get('/api/account')).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect((await agent.post('/api/authentication/options', {})).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(2);
  });
});
