import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

let lab: Lab;
beforeEach(async () => {
  lab = await startTestLab();
});
afterEach(async () => {
  await lab.app.close();
});

const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const WIN10_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const win10NoBluetooth = {
  userAgent: WIN10_UA,
  platform: 'Windows',
  platformVersion: '10.0.0',
  capabilities: { hybridTransport: false },
  uvpaa: true,
};

/** The story's account: a passkey made on an Android phone that reported no transports (an older RP stored none). */
async function storyAccount(transports: string[] | null) {
  const phone = new SoftAuthenticator({
    origin: TEST_ORIGIN,
    transports: transports ?? [],
    backupEligible: true,
    backedUp: true,
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
  });
  const agent = new Agent(lab.app);
  const options = await agent.post('/api/registration/options', { username: 'hanako' });
  const verify = await agent.post('/api/registration/verify', {
    response: phone.createCredential(options.body),
    client: { userAgent: ANDROID_UA, mobile: true },
  });
  expect(verify.status).toBe(200);
  return phone;
}

describe('POST /api/dialogs/predict', () => {
  it('predicts the headline scenario in Japanese', async () => {
    const reply = await new Agent(lab.app).post('/api/dialogs/predict', {
      ceremony: 'get',
      request: { allowCredentials: [{ id: 'abc' }] },
      credentials: [{ id: 'abc', transports: ['hybrid', 'internal'], location: 'phone' }],
      client: { os: 'windows', osVersion: '10', browser: 'chrome', bluetooth: 'absent' },
      locale: 'ja',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.screen.kind).toBe('windows-security-key');
    expect(reply.body.screen.body).toContain('セキュリティ キーを USB ポートに挿入します');
    expect(reply.body.sources.length).toBeGreaterThan(0);
  });

  it('refuses input outside the contract with a 400', async () => {
    const reply = await new Agent(lab.app).post('/api/dialogs/predict', {
      ceremony: 'get',
      client: { os: 'plan9', browser: 'chrome' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
  });
});

describe('POST /api/dialogs/predict: the 2026 contract', () => {
  const seedPc = { os: 'windows', osVersion: '10', browser: 'chrome', browserVersion: 150, bluetooth: 'absent' };

  it('accepts uiMode and the new client facts (it answered 400 before)', async () => {
    const reply = await new Agent(lab.app).post('/api/dialogs/predict', {
      ceremony: 'get',
      request: { uiMode: 'immediate', mediation: 'optional' },
      credentials: [{ id: 'abc', transports: ['hybrid', 'internal'], location: 'phone', signalled: 'not-accepted' }],
      client: {
        ...seedPc,
        windowsHello: 'not-set-up',
        gpmEnrolled: false,
        incognito: false,
        userActivation: true,
        recentImmediateCalls: 0,
        pluginProviders: ['Bitwarden'],
        capabilities: { immediateGet: true },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      rule: 'immediate-nothing-local',
      screen: { kind: 'no-ui', owner: 'none' },
      outcome: { settles: 'rejects', error: 'NotAllowedError' },
    });
    expect(reply.body.assumptions.join(' ')).toMatch(/need Windows 11 25H2/);
  });

  it('never answers 5xx, and reports what it could not read', async () => {
    const odd = await new Agent(lab.app).post('/api/dialogs/predict', {
      ceremony: 'get',
      client: { ...seedPc, osVersion: 'Windows 12 Ultimate' },
    });
    expect(odd.status).toBe(200);
    expect(odd.body.assumptions.join(' ')).toMatch(/not recognised/);
    const bodies: unknown[] = [
      null,
      [],
      'text',
      { ceremony: 'get' },
      { ceremony: 'get', client: {} },
      { ceremony: 'get', client: { ...seedPc, browserVersion: 0 } },
      { ceremony: 'get', client: seedPc, request: { uiMode: 'silent' } },
      { ceremony: 'get', client: seedPc, request: { mediation: 'sometimes' } },
      { ceremony: 'get', client: { ...seedPc, windowsHello: true } },
      { ceremony: 'get', client: { ...seedPc, capabilities: { immediateGet: 'yes' } } },
      { ceremony: 'get', client: { ...seedPc, recentImmediateCalls: -1 } },
      { ceremony: 'get', client: seedPc, credentials: [{ id: 'x', signalled: 'gone' }] },
    ];
    for (const body of bodies) {
      const reply = await new Agent(lab.app).post('/api/dialogs/predict', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toMatch(/^invalid_(request|json)$/);
    }
  });
});

describe('POST /api/dialogs/compare: best practice decided on the server', () => {
  const phone = { id: 'p', transports: ['hybrid', 'internal'], backupEligible: true, location: 'phone' };
  const compare = (client: object, locale = 'en') =>
    new Agent(lab.app).post('/api/dialogs/compare', {
      credentials: [{ ...phone, transports: undefined }],
      client,
      marketplace: { allowCredentials: [{ id: 'p' }] },
      locale,
    });

  it("on the seed-story PC with Chrome 150: immediate first, then the site's own choices, the marketplace still gets the USB prompt", async () => {
    const reply = await compare({
      os: 'windows',
      osVersion: '10',
      browser: 'chrome',
      browserVersion: 150,
      bluetooth: 'absent',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.marketplace.prediction.screen.kind).toBe('windows-security-key');
    expect(reply.body.immediate.request).toEqual({ uiMode: 'immediate', mediation: 'optional' });
    expect(reply.body.immediate.prediction.screen.kind).toBe('no-ui');
    expect(reply.body.bestPractice.steps.map((s: { step: string }) => s.step)).toEqual([
      'immediate',
      'own-page',
      'modal',
    ]);
    const modal = reply.body.bestPractice.steps[2];
    expect(modal.request).toMatchObject({
      allowCredentials: [{ id: 'p', transports: ['hybrid', 'internal'] }],
      hints: ['hybrid'],
    });
    expect(reply.body.bestPractice.advice).toBe('offer-fallback-first');
  });

  it('in Firefox: immediate is ignored (the column shows the USB prompt), so best practice starts with autofill', async () => {
    const reply = await compare({ os: 'windows', osVersion: '10', browser: 'firefox', browserVersion: 140 }, 'ja');
    expect(reply.body.immediate.prediction).toMatchObject({
      rule: 'no-browser-layer-windows',
      screen: { kind: 'windows-security-key', title: 'Windows セキュリティ' },
    });
    expect(reply.body.immediate.prediction.assumptions.join(' ')).toMatch(/uiMode/);
    expect(reply.body.bestPractice.steps.map((s: { step: string }) => s.step)).toEqual(['conditional', 'modal']);
  });

  it('refuses a body outside the contract with a 400', async () => {
    const reply = await new Agent(lab.app).post('/api/dialogs/compare', {
      credentials: [],
      client: { os: 'windows', browser: 'chrome' },
    });
    expect(reply.status).toBe(400);
  });
});

describe('the lab uses the predictor', () => {
  it('records the prediction with every login options call', async () => {
    await storyAccount(null);
    const pc = new Agent(lab.app);
    await pc.post('/api/authentication/options', {
      username: 'hanako',
      transportsMode: 'omit',
      client: win10NoBluetooth,
    });
    const row = lab.db
      .prepare("SELECT prediction FROM ceremonies WHERE kind = 'authentication.options' ORDER BY id DESC")
      .get() as { prediction: string };
    expect(JSON.parse(row.prediction)).toMatchObject({
      kind: 'windows-security-key',
      owner: 'windows',
      rule: 'windows-only-button',
    });
  });

  it('sends different options in best-practice mode and advises fallbacks when the sheet is a dead end', async () => {
    await storyAccount(null);
    const marketplace = await new Agent(lab.app).post('/api/authentication/options', {
      username: 'hanako',
      transportsMode: 'omit',
      client: win10NoBluetooth,
    });
    const best = await new Agent(lab.app).post('/api/authentication/options', {
      username: 'hanako',
      strategy: 'best-practice',
      client: win10NoBluetooth,
    });
    expect(marketplace.body.allowCredentials[0].transports).toBeUndefined();
    expect(marketplace.body.hints).toEqual([]);
    expect(best.body.allowCredentials[0].transports).toEqual(['hybrid', 'internal']);
    expect(best.body.hints).toEqual(['hybrid']);
    expect(marketplace.headers['x-lab-advice']).toBe('proceed');
    expect(best.headers['x-lab-advice']).toBe('offer-fallback-first');

    const withBluetooth = await new Agent(lab.app).post('/api/authentication/options', {
      username: 'hanako',
      strategy: 'best-practice',
      client: { ...win10NoBluetooth, capabilities: { hybridTransport: true } },
    });
    expect(withBluetooth.headers['x-lab-advice']).toBe('proceed');

    // An unknown username is planned from its fake passkeys as a real account is from its own (a constant answer
    // would set real accounts apart, tests/api/redteam-review.test.ts): the same name gets the same plan every time.
    const unknown = await new Agent(lab.app).post('/api/authentication/options', {
      username: 'nobody-here',
      strategy: 'best-practice',
      client: win10NoBluetooth,
    });
    const again = await new Agent(lab.app).post('/api/authentication/options', {
      username: 'nobody-here',
      strategy: 'best-practice',
      client: win10NoBluetooth,
    });
    expect([[], ['hybrid']]).toContainEqual(unknown.body.hints);
    expect(again.body.hints).toEqual(unknown.body.hints);
    expect(again.body.allowCredentials).toEqual(unknown.body.allowCredentials);
    expect(again.headers['x-lab-advice']).toBe(unknown.headers['x-lab-advice']);
    expect(unknown.body.allowCredentials.length).toBeGreaterThan(0);
  });

  it('explains a failed login reported by the page and logs it', async () => {
    await storyAccount(null);
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', {
      username: 'hanako',
      transportsMode: 'omit',
      client: win10NoBluetooth,
    });
    const failure = await pc.post('/api/authentication/failure', {
      name: 'NotAllowedError',
      challenge: options.body.challenge,
      client: win10NoBluetooth,
      locale: 'en',
    });
    expect(failure.status).toBe(200);
    expect(failure.body.outcome).toBe('cancelled');
    expect(failure.body.prediction.screen.kind).toBe('windows-security-key');
    expect(failure.body.prediction.remedies.user.join(' ')).toMatch(/do not need to buy a security key/);
    const logged = lab.db
      .prepare("SELECT outcome, error_code, options FROM ceremonies WHERE kind = 'authentication.failure'")
      .get() as { options: string };
    expect(logged).toMatchObject({ outcome: 'cancelled', error_code: 'NotAllowedError' });
    expect(JSON.parse(logged.options)).toEqual(options.body); // the explanation is about the options that were sent
    // The challenge is spent: the same report cannot be replayed, and another session cannot use it.
    expect(
      (await pc.post('/api/authentication/failure', { name: 'NotAllowedError', challenge: options.body.challenge }))
        .status,
    ).toBe(404);
  });
});
