import { describe, expect, it } from 'vitest';
import { PER_SOURCE_DAILY_CAP } from '../../db/stranger-attempts.js';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { SourceAgent } from '../support/source-agent.js';
import type { Stack } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// Issue 15 points 5 and 16 (bundle redaction) over real HTTP: someone who types the owner's name cannot write into,
// or flush, the owner's history and support bundle; the owner sees such attempts only as counts.

const lab = stackPerTest({ IDP_MODE: 'off' });

const STRANGER_TEXT = 'stranger-free-text-7f3a';
const strangerClient = {
  userAgent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.7871.100 Safari/537.36 ${STRANGER_TEXT}`,
  platform: STRANGER_TEXT,
};
const ownerClient = {
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.7871.100 Safari/537.36',
  platform: 'Linux',
};

interface Summary {
  day: string;
  outcome: string;
  attempts: number;
  sources: number;
}

async function ownerWithHistory(stack: Stack) {
  const owner = new HttpAgent(stack.labUrl);
  const authenticator = new SoftAuthenticator({ origin: stack.labUrl, transports: ['hybrid', 'internal'] });
  const options = await owner.post('/api/registration/options', { username: 'owner' });
  expect(
    (
      await owner.post('/api/registration/verify', {
        response: authenticator.createCredential(options.body),
        client: ownerClient,
      })
    ).status,
  ).toBe(200);
  // The owner's own step-up login, made while signed in: it belongs in the history.
  const stepUp = await owner.post('/api/authentication/options', { username: 'owner', client: ownerClient });
  expect(
    (
      await owner.post('/api/authentication/verify', {
        response: authenticator.getAssertion(stepUp.body),
        client: ownerClient,
      })
    ).status,
  ).toBe(200);
  const before = (await owner.get('/api/account/ceremonies?limit=200')).body.ceremonies as {
    id: number;
    kind: string;
  }[];
  expect(before.map((entry) => entry.kind)).toEqual([
    'authentication.verify',
    'authentication.options',
    'registration.verify',
  ]);
  return { owner, authenticator, before };
}

describe("attempts by someone who typed the owner's name (point 5)", () => {
  it('stay out of the history and bundle, are counted per day and outcome, capped per source, and evict nothing', async () => {
    const { owner, before } = await ownerWithHistory(lab.stack);

    // One stranger's browser, well past the old 200-entry window: options, and failure reports full of free text.
    const stranger = new SourceAgent(lab.stack.labUrl, '127.0.0.77');
    for (let i = 0; i < 120; i++) {
      const options = await stranger.post('/api/authentication/options', { username: 'owner', client: strangerClient });
      expect(options.status).toBe(200);
      if (i % 3 === 0) {
        const report = await stranger.post('/api/authentication/failure', {
          name: i % 2 ? 'NotAllowedError' : STRANGER_TEXT,
          message: STRANGER_TEXT,
          challenge: options.body.challenge,
          client: strangerClient,
        });
        expect(report.status).toBe(200);
      }
    }
    // A second stranger elsewhere.
    const other = new SourceAgent(lab.stack.labUrl, '127.0.0.78');
    const otherOptions = await other.post('/api/authentication/options', { username: 'owner' });
    expect(
      (
        await other.post('/api/authentication/failure', {
          name: 'TimeoutError',
          challenge: otherOptions.body.challenge,
        })
      ).status,
    ).toBe(200);

    const history = await owner.get('/api/account/ceremonies?limit=200');
    expect(history.body.ceremonies).toEqual(before);
    expect(JSON.stringify(history.body)).not.toContain(STRANGER_TEXT);

    const summary = history.body.strangerAttempts as Summary[];
    const today = new Date().toISOString().slice(0, 10);
    expect(summary.every((row) => row.day === today)).toBe(true);
    expect(Object.keys(summary[0]!).sort()).toEqual(['attempts', 'day', 'outcome', 'sources']);
    const total = summary.reduce((sum, row) => sum + row.attempts, 0);
    // The first stranger is capped; the second one's attempt is counted as timed out.
    expect(total).toBe(PER_SOURCE_DAILY_CAP + 1);
    expect(summary.find((row) => row.outcome === 'timed-out')).toMatchObject({ attempts: 1, sources: 1 });
    expect(summary.find((row) => row.outcome === 'unfinished')!.sources).toBe(1);
    expect(summary.map((row) => row.outcome).sort()).toEqual(['cancelled', 'error', 'timed-out', 'unfinished']);

    const bundle = await owner.get('/api/account/support-bundle');
    expect(bundle.status).toBe(200);
    expect(JSON.stringify(bundle.body)).not.toContain(STRANGER_TEXT);
    expect(bundle.body.strangerAttempts).toEqual(summary);
    expect(bundle.body.ceremonies).toHaveLength(before.length);
  });

  it("the owner's own sign-in from a new browser is not counted as a stranger's", async () => {
    const { owner, authenticator } = await ownerWithHistory(lab.stack);
    const pc = new HttpAgent(lab.stack.labUrl);
    const options = await pc.post('/api/authentication/options', { username: 'owner' });
    expect(
      (await pc.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) })).status,
    ).toBe(200);
    expect((await owner.get('/api/account/ceremonies')).body.strangerAttempts).toEqual([]);
    // The login itself is in the history, with the options it answered.
    const latest = (await pc.get('/api/account/ceremonies')).body.ceremonies[0];
    expect(latest).toMatchObject({
      kind: 'authentication.verify',
      outcome: 'verified',
      options: { challenge: options.body.challenge },
    });
  });
});

describe('support bundle redaction (point 16, bundle half)', () => {
  it('reduces user agents to browser and OS family with major versions', async () => {
    const { owner } = await ownerWithHistory(lab.stack);
    const bundle = await owner.get('/api/account/support-bundle');
    const text = JSON.stringify(bundle.body);
    expect(text).not.toContain('Mozilla/5.0');
    expect(text).not.toContain('7871.100'); // the build with its patch: a bare '7871' can be part of a timestamp
    const clients = (bundle.body.ceremonies as { client: { userAgent?: string } | null }[])
      .map((entry) => entry.client)
      .filter(Boolean);
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) expect(client!.userAgent).toBe('Chrome 150 / Linux');
  });
});
