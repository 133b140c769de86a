import { accountFlows } from '../support/account-flows.js';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { Agent, startTestLab } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, freePort, startStack } from '../support/stack.js';

// PUBLIC_ORIGIN with several origins under one RP ID: a passkey works from each listed origin, nowhere else.

const PC = 'http://localhost:3000';
const LAN = 'https://lab.localhost:3443';

describe('several public origins', () => {
  it('accepts ceremonies from every listed origin and refuses any other', async () => {
    const lab = await startTestLab({ PUBLIC_ORIGIN: `${PC}, ${LAN}` });
    try {
      const phone = new SoftAuthenticator({ origin: LAN, backupEligible: true, backedUp: true });
      const signup = new Agent(lab.app);
      const creation = await signup.post('/api/registration/options', { username: 'two-origins' });
      expect(creation.body.rp.id).toBe('localhost');
      expect(
        (await signup.post('/api/registration/verify', { response: phone.createCredential(creation.body) })).status,
      ).toBe(200);

      // The same passkey, used from the PC's origin (the RP ID is shared, so the browser would offer it there too).
      const pc = new Agent(lab.app);
      const options = await pc.post('/api/authentication/options', { username: 'two-origins' });
      const fromPc = await pc.post('/api/authentication/verify', {
        response: phone.getAssertion(options.body, { origin: PC }),
      });
      expect(fromPc.status).toBe(200);

      const elsewhere = new Agent(lab.app);
      const again = await elsewhere.post('/api/authentication/options', { username: 'two-origins' });
      const fromOther = await elsewhere.post('/api/authentication/verify', {
        response: phone.getAssertion(again.body, { origin: 'https://other.localhost:3443' }),
      });
      expect(fromOther.status).toBe(400);
      expect(fromOther.body.error.message).toMatch(/origin/i);
    } finally {
      await lab.app.close();
    }
  });

  it('lets state-changing requests come from each listed origin, and refuses other sites', async () => {
    const lab = await startTestLab({ PUBLIC_ORIGIN: `${PC},${LAN}` });
    try {
      const agent = new Agent(lab.app);
      for (const origin of [PC, LAN]) {
        expect((await agent.request('POST', '/api/session/logout', {}, { origin })).status).not.toBe(403);
      }
      const foreign = await agent.request(
        'POST',
        '/api/session/logout',
        {},
        { origin: 'https://lab.localhost.evil.example' },
      );
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('cross_origin_request');
    } finally {
      await lab.app.close();
    }
  });

  it('sends Secure cookies and HSTS only when every origin is https', async () => {
    const mixed = await startTestLab({ PUBLIC_ORIGIN: `${PC},${LAN}` });
    const https = await startTestLab({ PUBLIC_ORIGIN: `https://localhost:3443,${LAN}`, TRUST_PROXY: 'true' });
    try {
      expect(mixed.config.secureOrigins).toBe(false);
      expect((await new Agent(mixed.app).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
      expect(https.config.secureOrigins).toBe(true);
      const reply = await new Agent(https.app, { 'x-forwarded-proto': 'https' }).post(
        '/api/authentication/options',
        {},
      );
      expect(String(reply.headers['set-cookie'])).toMatch(/lab_ceremony=.*Secure/);
      expect(reply.headers['strict-transport-security']).toBeDefined();
    } finally {
      await mixed.app.close();
      await https.app.close();
    }
  });
});

describe('fallback logins from a second origin', () => {
  it('return to the origin the browser came from (its session cookie is there), not to the first one', async () => {
    const port = await freePort();
    const second = `http://lab.localhost:${port}`;
    // lab.localhost is this machine (RFC 6761); the resolver is told so, whatever the system's resolver does.
    const dispatcher = new UndiciAgent({
      connect: {
        lookup: (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
          options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
      } as never,
    });
    const loopbackFetch = ((input: string, init: RequestInit = {}) =>
      undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
    const stack = await startStack({ PORT: String(port), PUBLIC_ORIGIN: `http://localhost:${port},${second}` });
    try {
      seedStory(stack.running.lab.repos, stack.config);
      const client = new BrowserLikeClient({ 'accept-language': 'en' }, loopbackFetch);
      const hops = await accountFlows(stack).googleAs(
        client,
        `${second}/auth/google/start`,
        'taro.personal@gmail.example',
      );
      expect(hops.some((hop) => new URL(hop.url).origin === stack.idpUrl)).toBe(true);
      const back = hops.find((hop) => hop.url.includes('/auth/google/callback'))!;
      expect(new URL(back.url).origin).toBe(second);
      // Past state, PKCE and the ID token: Taro's Google account is simply not linked (the story).
      expect(back.location).toBe(`${second}/login?error=not_linked`);
    } finally {
      await stack.close();
    }
  });
});
