import { describe, expect, it } from 'vitest';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { stackPerFile } from '../support/stack-per-test.js';

const lab = stackPerFile({ IDP_MODE: 'off' });

describe('concurrency', () => {
  it('100 concurrent ceremonies from distinct sessions all verify, and none crosses sessions', async () => {
    const people = Array.from({ length: 100 }, (_, i) => ({
      username: `concurrent-${i}`,
      agent: new HttpAgent(lab.stack.labUrl),
      authenticator: new SoftAuthenticator({ origin: lab.stack.labUrl }),
    }));
    // Registrations, all at once.
    const registered = await Promise.all(
      people.map(async ({ username, agent, authenticator }) => {
        const options = await agent.post('/api/registration/options', { username });
        return (
          await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) })
        ).status;
      }),
    );
    expect(registered.every((status) => status === 200)).toBe(true);
    // Then username-first logins from fresh sessions, all at once, options and verify interleaved.
    const logins = await Promise.all(
      people.map(async ({ username, authenticator }) => {
        const pc = new HttpAgent(lab.stack.labUrl);
        const options = await pc.post('/api/authentication/options', { username });
        const verify = await pc.post('/api/authentication/verify', {
          response: authenticator.getAssertion(options.body),
        });
        const session = await pc.get('/api/session');
        return { username, status: verify.status, signedInAs: session.body.user?.username };
      }),
    );
    expect(logins.filter((login) => login.status !== 200)).toEqual([]);
    expect(logins.filter((login) => login.signedInAs !== login.username)).toEqual([]);
  }, 60_000);
});
