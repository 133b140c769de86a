import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { SourceAgent } from '../support/source-agent.js';
import type { Stack } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// Issue 15 point 6 over real HTTP from several loopback source addresses: typing someone's name from one place cannot
// lock them out; a distributed attempt meets an account-wide ceiling; usernameless login stays available.

const PER_MINUTE = 4;
const CEILING = PER_MINUTE * 5;

async function signUp(stack: Stack, address: string) {
  const owner = new SourceAgent(stack.labUrl, address);
  const authenticator = new SoftAuthenticator({
    origin: stack.labUrl,
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
  });
  const options = await owner.post('/api/registration/options', { username: 'owner' });
  expect(
    (await owner.post('/api/registration/verify', { response: authenticator.createCredential(options.body) })).status,
  ).toBe(200);
  return authenticator;
}

async function loginUsernameFirst(stack: Stack, address: string, authenticator: SoftAuthenticator) {
  const browser = new SourceAgent(stack.labUrl, address);
  const options = await browser.post('/api/authentication/options', { username: 'owner' });
  if (options.status !== 200) return options.status;
  return (await browser.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) }))
    .status;
}

describe('per-account rate limits', () => {
  const lab = stackPerTest({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), IDP_MODE: 'off' });

  it('one source typing the name is stopped; the owner elsewhere still signs in with the name', async () => {
    const authenticator = await signUp(lab.stack, '127.0.0.2');
    const attacker = new SourceAgent(lab.stack.labUrl, '127.0.0.66');
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i++)
      statuses.push((await attacker.post('/api/authentication/options', { username: 'owner' })).status);
    expect(statuses.slice(0, PER_MINUTE).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(PER_MINUTE)).toEqual([429, 429]);

    expect(await loginUsernameFirst(lab.stack, '127.0.0.3', authenticator)).toBe(200);
  });

  it('many sources meet the account-wide ceiling, and usernameless login is still available', async () => {
    const authenticator = await signUp(lab.stack, '127.0.0.2');
    const statuses: number[] = [];
    // Each source stays within its own allowance; together they pass the ceiling.
    for (let source = 0; source < CEILING / PER_MINUTE + 2; source++) {
      const attacker = new SourceAgent(lab.stack.labUrl, `127.0.1.${10 + source}`);
      for (let i = 0; i < PER_MINUTE; i++)
        statuses.push((await attacker.post('/api/authentication/options', { username: 'owner' })).status);
    }
    // The owner's sign-up options used one attempt of the ceiling.
    expect(statuses.filter((status) => status === 200)).toHaveLength(CEILING - 1);
    expect(await loginUsernameFirst(lab.stack, '127.0.0.3', authenticator)).toBe(429);

    const owner = new SourceAgent(lab.stack.labUrl, '127.0.0.3');
    const options = await owner.post('/api/authentication/options', {});
    expect(options.status).toBe(200);
    const verify = await owner.post('/api/authentication/verify', {
      response: authenticator.getAssertion(options.body),
    });
    expect(verify.status).toBe(200);
    expect(verify.body.user.username).toBe('owner');
  });
});

describe('per-source rate limit', () => {
  const lab = stackPerTest({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) });

  it('is kept per feature: passkey traffic that used up its allowance leaves the ways out open', async () => {
    const source = new SourceAgent(lab.stack.labUrl, '127.0.2.10');
    for (let i = 0; i < PER_MINUTE; i++)
      expect((await source.post('/api/authentication/options', {})).status).toBe(200);
    const refused = await source.post('/api/authentication/options', {});
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    // The fallback login and recovery still answer this address (each with its own allowance).
    expect((await source.get('/auth/google/start')).status).toBe(303);
    expect((await source.post('/api/recovery/code', { username: 'someone' })).status).toBe(202);
  });
});
