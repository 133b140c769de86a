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

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const WIN10_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const win10NoBluetooth = { userAgent: WIN10_UA, platform: 'Windows', platformVersion: '10.0.0', capabilities: { hybridTransport: false }, uvpaa: true };

/** The story's account: a passkey made on an Android phone that reported no transports (an older RP stored none). */
async function storyAccount(transports: string[] | null) {
  const phone = new SoftAuthenticator({ origin: TEST_ORIGIN, transports: transports ?? [], backupEligible: true, backedUp: true, aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4' });
  const agent = new Agent(lab.app);
  const options = await agent.post('/api/registration/options', { username: 'hanako' });
  const verify = await agent.post('/api/registration/verify', { response: phone.createCredential(options.body), client: { userAgent: ANDROID_UA, mobile: true } });
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
    const reply = await new Agent(lab.app).post('/api/dialogs/predict', { ceremony: 'get', client: { os: 'plan9', browser: 'chrome' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
  });
});

describe('the lab uses the predictor', () => {
  it('records the prediction with every login options call', async () => {
    await storyAccount(null);
    const pc = new Agent(lab.app);
    await pc.post('/api/authentication/options', { username: 'hanako', transportsMode: 'omit', client: win10NoBluetooth });
    const row = lab.db.prepare("SELECT prediction FROM ceremonies WHERE kind = 'authentication.options' ORDER BY id DESC").get() as { prediction: string };
    expect(JSON.parse(row.prediction)).toMatchObject({ kind: 'windows-security-key', owner: 'windows', rule: 'windows-only-button' });
  });

  it('sends different options in best-practice mode and advises fallbacks when the sheet is a dead end', async () => {
    await storyAccount(null);
    const marketplace = await new Agent(lab.app).post('/api/authentication/options', { username: 'hanako', transportsMode: 'omit', client: win10NoBluetooth });
    const best = await new Agent(lab.app).post('/api/authentication/options', { username: 'hanako', strategy: 'best-practice', client: win10NoBluetooth });
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

    // An unknown username gets the answer a phone-passkey account would get: nothing tells it apart.
    const unknown = await new Agent(lab.app).post('/api/authentication/options', { username: 'nobody-here', strategy: 'best-practice', client: win10NoBluetooth });
    expect(unknown.body.hints).toEqual(['hybrid']);
    expect(unknown.body.allowCredentials.length).toBeGreaterThan(0);
  });

  it('explains a failed login reported by the page and logs it', async () => {
    await storyAccount(null);
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako', transportsMode: 'omit', client: win10NoBluetooth });
    const failure = await pc.post('/api/authentication/failure', { name: 'NotAllowedError', challenge: options.body.challenge, client: win10NoBluetooth, locale: 'en' });
    expect(failure.status).toBe(200);
    expect(failure.body.outcome).toBe('cancelled');
    expect(failure.body.prediction.screen.kind).toBe('windows-security-key');
    expect(failure.body.prediction.remedies.user.join(' ')).toMatch(/do not need to buy a security key/);
    const logged = lab.db.prepare("SELECT outcome, error_code, options FROM ceremonies WHERE kind = 'authentication.failure'").get() as { options: string };
    expect(logged).toMatchObject({ outcome: 'cancelled', error_code: 'NotAllowedError' });
    expect(JSON.parse(logged.options)).toEqual(options.body); // the explanation is about the options that were sent
    // The challenge is spent: the same report cannot be replayed, and another session cannot use it.
    expect((await pc.post('/api/authentication/failure', { name: 'NotAllowedError', challenge: options.body.challenge })).status).toBe(404);
  });
});
