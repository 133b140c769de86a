import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { predictionInput } from '../../server/dialogs/for-options.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// The Signal API's server half: what the page is told to signal, the records of what it sent, the display-name
// change that triggers signalCurrentUserDetails, and immediate UI mode's gate on the browser's own capabilities.

let lab: Lab;
beforeEach(async () => {
  lab = await startTestLab();
});
afterEach(async () => {
  await lab.app.close();
});

const IMMEDIATE_CHROME = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  capabilities: { immediateGet: true, conditionalGet: true },
};

async function signedIn(username: string) {
  const agent = new Agent(lab.app);
  const authenticator = new SoftAuthenticator({
    origin: TEST_ORIGIN,
    transports: ['internal'],
    backupEligible: true,
    backedUp: true,
  });
  const options = await agent.post('/api/registration/options', { username });
  const verify = await agent.post('/api/registration/verify', {
    response: authenticator.createCredential(options.body),
  });
  expect(verify.status).toBe(200);
  return { agent, authenticator, credentialId: verify.body.credential.id as string };
}

const history = (kind: string) =>
  lab.db.prepare('SELECT outcome, error_code, detail FROM ceremonies WHERE kind = ? ORDER BY id').all(kind) as {
    outcome: string;
    error_code: string | null;
    detail: string;
  }[];

describe('signal payloads and records', () => {
  it('hands the signed-in page its credential IDs and user handle, and records what the page sent', async () => {
    const { agent, credentialId } = await signedIn('signal-hanako');
    const account = await agent.get('/api/account');
    const handle = lab.repos.accounts.findByUsername('signal-hanako')!.userHandle;
    expect(account.body.signals.allAcceptedCredentials).toEqual({
      rpId: 'localhost',
      userId: handle,
      allAcceptedCredentialIds: [credentialId],
    });
    expect(account.body.signals.currentUserDetails).toEqual({
      rpId: 'localhost',
      userId: handle,
      name: 'signal-hanako',
      displayName: 'signal-hanako',
    });

    const sent = account.body.signals.allAcceptedCredentials;
    expect(
      (await agent.post('/api/account/signals', { kind: 'all-accepted-credentials', result: 'sent', sent })).status,
    ).toBe(200);
    expect(
      (await agent.post('/api/account/signals', { kind: 'all-accepted-credentials', result: 'unsupported', sent }))
        .status,
    ).toBe(200);
    const rows = history('signal.all-accepted-credentials');
    expect(rows.map((row) => JSON.parse(row.detail).result)).toEqual(['sent', 'unsupported']);
    expect(JSON.parse(rows[0]!.detail).sent).toEqual(sent);
    const listed = await agent.get('/api/account/signals');
    expect(listed.body.history.map((entry: { result: string }) => entry.result)).toEqual(['unsupported', 'sent']);
  });

  it('refuses a report about another account, another RP ID or a passkey the account never deleted', async () => {
    const { agent, credentialId } = await signedIn('signal-jiro');
    const stranger = await signedIn('signal-stranger');
    const theirs = (await stranger.agent.get('/api/account')).body.signals.allAcceptedCredentials;
    const refused = [
      await agent.post('/api/account/signals', { kind: 'all-accepted-credentials', result: 'sent', sent: theirs }),
      await agent.post('/api/account/signals', {
        kind: 'all-accepted-credentials',
        result: 'sent',
        sent: { ...theirs, rpId: 'evil.example' },
      }),
      await agent.post('/api/account/signals', {
        kind: 'unknown-credential',
        result: 'sent',
        sent: { rpId: 'localhost', credentialId },
      }),
    ];
    expect(refused.map((reply) => [reply.status, reply.body.error.code])).toEqual([
      [400, 'signal_mismatch'],
      [400, 'signal_mismatch'],
      [400, 'signal_mismatch'],
    ]);
    const malformed = await agent.post('/api/account/signals', {
      kind: 'unknown-credential',
      result: 'maybe',
      sent: {},
    });
    expect(malformed.status).toBe(400);
    expect(
      (
        await new Agent(lab.app).post('/api/account/signals', {
          kind: 'all-accepted-credentials',
          result: 'sent',
          sent: theirs,
        })
      ).status,
    ).toBe(401);
    expect(history('signal.all-accepted-credentials')).toHaveLength(0);
  });

  it('a deleted passkey keeps its facts; once signalled unknown the predictor input carries it as signalled', async () => {
    const { agent, credentialId } = await signedIn('signal-saburo');
    const second = await agent.post('/api/registration/options', { username: 'signal-saburo' });
    const other = new SoftAuthenticator({ origin: TEST_ORIGIN, transports: ['usb'] });
    expect(
      (await agent.post('/api/registration/verify', { response: other.createCredential(second.body) })).status,
    ).toBe(200);
    const deleted = await agent.request('DELETE', `/api/account/credentials/${credentialId}`);
    expect(deleted.body).toEqual({ deleted: true, signal: { rpId: 'localhost', credentialId }, revokedSessions: 0 });
    const accountId = lab.repos.accounts.findByUsername('signal-saburo')!.id;
    const input = () => {
      const options = { challenge: 'x', allowCredentials: [{ id: 'live' }], hints: [] };
      return (
        predictionInput(lab.repos, { options, accountId, client: undefined, locale: 'en' }, undefined, true)
          .credentials ?? []
      );
    };
    // Not yet signalled: the deleted passkey may still be on the device, and the input does not mark it.
    expect(input().map((credential) => credential.signalled)).toEqual([undefined]);
    expect(
      (
        await agent.post('/api/account/signals', {
          kind: 'unknown-credential',
          result: 'sent',
          sent: deleted.body.signal,
        })
      ).status,
    ).toBe(200);
    const gone = lab.repos.signals.signalledDeleted(accountId);
    expect(gone).toEqual([
      expect.objectContaining({ id: credentialId, transports: ['internal'], deviceType: 'multiDevice' }),
    ]);
    expect(input()).toEqual([
      expect.objectContaining({ transports: ['usb'] }),
      expect.objectContaining({
        id: credentialId,
        transports: ['internal'],
        backupEligible: true,
        signalled: 'unknown',
      }),
    ]);
    expect(input()[0]!.signalled).toBeUndefined();
  });
});

describe('display name', () => {
  it('changes at passkey assurance, is recorded, and returns what signalCurrentUserDetails should send', async () => {
    const { agent } = await signedIn('signal-shiro');
    const reply = await agent.request('PATCH', '/api/account/display-name', { displayName: '  四郎  ' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      displayName: '四郎',
      signal: { rpId: 'localhost', userId: expect.any(String), name: 'signal-shiro', displayName: '四郎' },
    });
    expect(lab.repos.accounts.findByUsername('signal-shiro')!.displayName).toBe('四郎');
    expect(JSON.parse(history('account.display-name')[0]!.detail)).toEqual({ from: 'signal-shiro', to: '四郎' });
    expect((await agent.request('PATCH', '/api/account/display-name', { displayName: '   ' })).body.error.code).toBe(
      'display_name_empty',
    );
    expect((await agent.request('PATCH', '/api/account/display-name', { displayName: 'a\u0007b' })).status).toBe(400);
    expect((await new Agent(lab.app).request('PATCH', '/api/account/display-name', { displayName: 'x' })).status).toBe(
      401,
    );
  });
});

describe('immediate UI mode options', () => {
  it('are issued only for a browser that reported immediateGet, and only without a username', async () => {
    const agent = new Agent(lab.app);
    const ok = await agent.post('/api/authentication/options', {
      strategy: 'best-practice',
      uiMode: 'immediate',
      client: IMMEDIATE_CHROME,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.allowCredentials ?? []).toEqual([]);
    const noCapability = await agent.post('/api/authentication/options', {
      uiMode: 'immediate',
      client: { ...IMMEDIATE_CHROME, capabilities: { conditionalGet: true } },
    });
    expect([noCapability.status, noCapability.body.error.code]).toEqual([400, 'immediate_unsupported']);
    const falseCapability = await agent.post('/api/authentication/options', {
      uiMode: 'immediate',
      client: { ...IMMEDIATE_CHROME, capabilities: { immediateGet: false } },
    });
    expect(falseCapability.body.error.code).toBe('immediate_unsupported');
    const noClient = await agent.post('/api/authentication/options', { uiMode: 'immediate' });
    expect(noClient.body.error.code).toBe('immediate_unsupported');
    const withUsername = await agent.post('/api/authentication/options', {
      username: 'anyone',
      uiMode: 'immediate',
      client: IMMEDIATE_CHROME,
    });
    expect(withUsername.body.error.code).toBe('immediate_needs_usernameless');
    const recorded = lab.db
      .prepare("SELECT detail, client FROM ceremonies WHERE kind = 'authentication.options' ORDER BY id DESC")
      .get() as { detail: string; client: string };
    expect(JSON.parse(recorded.detail).uiMode).toBe('immediate');
    expect(JSON.parse(recorded.client).capabilities).toEqual(IMMEDIATE_CHROME.capabilities);
  });
});

// Security review, session 10: any sign-in, a fallback one too, may report signals; it must not fill the history.
describe('signal reports cannot fill the history', () => {
  it('a report that repeats the last one is accepted but not written again', async () => {
    const { agent } = await signedIn('signal-repeat');
    const sent = (await agent.get('/api/account')).body.signals.currentUserDetails;
    const report = (result: string) =>
      agent.post('/api/account/signals', { kind: 'current-user-details', result, sent });
    const statuses = [];
    for (const result of ['unsupported', 'unsupported', 'unsupported', 'sent', 'unsupported', 'unsupported'])
      statuses.push((await report(result)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(history('signal.current-user-details').map((row) => JSON.parse(row.detail).result)).toEqual([
      'unsupported',
      'sent',
      'unsupported',
    ]);
  });

  it('is rate-limited like a ceremony', async () => {
    await lab.app.close();
    lab = await startTestLab({ RATE_LIMIT_PER_MINUTE: '10' });
    const { agent } = await signedIn('signal-limited');
    const sent = (await agent.get('/api/account')).body.signals.currentUserDetails;
    const replies = [];
    // Alternating results, so that every report would be written.
    for (let i = 0; i < 12; i++) {
      const result = i % 2 ? 'sent' : 'unsupported';
      replies.push(await agent.post('/api/account/signals', { kind: 'current-user-details', result, sent }));
    }
    const firstRefused = replies.findIndex((reply) => reply.status === 429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(replies.slice(0, firstRefused).every((reply) => reply.status === 200)).toBe(true);
    expect(replies.slice(firstRefused).every((reply) => reply.status === 429)).toBe(true);
    expect(replies[firstRefused]!.body.error.code).toBe('rate_limited');
    expect(replies[firstRefused]!.headers['retry-after']).toBeDefined();
    expect(history('signal.current-user-details')).toHaveLength(firstRefused);
    // The reports have a limit of their own: a page (or a fallback session) that used it up does not block the owner's
    // display-name change.
    expect((await agent.request('PATCH', '/api/account/display-name', { displayName: 'still mine' })).status).toBe(200);
  });
});
