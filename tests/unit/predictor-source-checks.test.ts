import { describe, expect, it } from 'vitest';
import { predictDialog } from '../../server/dialogs/predict.js';
import type { ClientFacts, PredictionInput } from '../../server/dialogs/types.js';
import { HELLO, PHONE, omitted, stored } from './predictor-table.js';

// Rules checked against the sources they cite (session 13 source check): each case is one the rules answered
// against their own source before.

const seedPc = (version: number, extra: Partial<ClientFacts> = {}): ClientFacts => ({
  os: 'windows',
  osVersion: '10',
  browser: 'chrome',
  browserVersion: version,
  bluetooth: 'absent',
  windowsHello: 'set-up',
  syncedProviders: [],
  ...extra,
});
/** Chrome 150 on Linux with Google Password Manager syncing, no platform authenticator. */
const gpmLinux: ClientFacts = {
  os: 'linux',
  browser: 'chrome',
  browserVersion: 150,
  bluetooth: 'on',
  platformAuthenticator: false,
  syncedProviders: ['google-password-manager'],
};
const get = (request: PredictionInput['request'], credentials: PredictionInput['credentials'], client: ClientFacts) =>
  predictDialog({ ceremony: 'get', request, credentials, client });

describe('Windows 10: Chrome hands over to Windows, which shows Hello for its own passkey (dialogs.md §2, row 1)', () => {
  it('Chrome 150, transports omitted, the passkey in Windows Hello on this PC → Windows Hello', () => {
    const p = get(omitted(HELLO.id), [HELLO], seedPc(150));
    expect({ rule: p.rule, kind: p.screen.kind, owner: p.screen.owner }).toEqual({
      rule: 'windows-only-button-hello',
      kind: 'windows-hello',
      owner: 'windows',
    });
  });

  it('Chrome 150, transports [internal], the passkey in Windows Hello → Windows Hello', () => {
    expect(get(stored(['internal'], HELLO.id), [HELLO], seedPc(150)).screen.kind).toBe('windows-hello');
  });

  it('Chrome before 117 jumps to Windows, which also shows Hello for its own passkey', () => {
    const p = get(omitted(HELLO.id), [HELLO], seedPc(110, { bluetooth: 'on' }));
    expect({ rule: p.rule, kind: p.screen.kind }).toEqual({
      rule: 'old-chrome-jumps-to-windows-hello',
      kind: 'windows-hello',
    });
  });

  it('the story stays: the passkey on the phone, none on this PC → the USB prompt', () => {
    for (const version of [110, 150]) {
      const p = get(omitted(), [PHONE], seedPc(version, version < 117 ? { bluetooth: 'on' } : {}));
      expect(p.screen.kind).toBe('windows-security-key');
    }
  });

  it('Hello not set up: Windows cannot use a Hello passkey, so the USB prompt stays', () => {
    expect(get(omitted(HELLO.id), [HELLO], seedPc(131, { windowsHello: 'not-set-up' })).screen.kind).toBe(
      'windows-security-key',
    );
  });
});

describe('Windows 10 given the transports [hybrid, internal]: an open question of the research (dialogs.md §9)', () => {
  it('the seed PC with Hello set up still gets the USB prompt, but inferred and with the assumption shown', () => {
    const p = get(stored(['hybrid', 'internal']), [PHONE], seedPc(150));
    expect(p.screen.kind).toBe('windows-security-key');
    expect(p.confidence).toBe('inferred');
    expect(p.assumptions.join(' ')).toMatch(/"hybrid".*USB security key/);
    const ja = predictDialog({
      ceremony: 'get',
      request: stored(['hybrid', 'internal']),
      credentials: [PHONE],
      client: seedPc(150),
      locale: 'ja',
    });
    expect(ja.assumptions.join(' ')).toMatch(/hybrid.*USB セキュリティキー/);
  });

  it('the story (transports omitted) keeps the reported USB prompt without that assumption', () => {
    const p = get(omitted(), [PHONE], seedPc(150));
    expect({ kind: p.screen.kind, confidence: p.confidence }).toEqual({
      kind: 'windows-security-key',
      confidence: 'reported',
    });
    expect(p.assumptions.join(' ')).not.toMatch(/"hybrid"/);
  });
});

describe('create(): a security-key or hybrid hint outranks Google Password Manager ([V-CREATE-PRIORITY])', () => {
  const create = (request: PredictionInput['request'], client: ClientFacts) =>
    predictDialog({ ceremony: 'create', request, client });

  it('Linux, GPM synced, hint security-key → Chrome USB sheet', () => {
    expect(create({ hints: ['security-key'], residentKey: 'required' }, gpmLinux).screen.kind).toBe(
      'chrome-security-key',
    );
  });

  it('Linux, GPM synced, hint hybrid → Chrome QR', () => {
    expect(create({ hints: ['hybrid'], residentKey: 'required' }, gpmLinux).screen.kind).toBe('chrome-qr');
  });

  it('Windows 11 24H2, GPM synced, hint security-key → the Windows dialog, not the GPM sheet', () => {
    const p = create(
      { hints: ['security-key'], residentKey: 'required' },
      seedPc(150, { osVersion: '11 24H2', bluetooth: 'on', syncedProviders: ['google-password-manager'] }),
    );
    expect(p.screen.owner).toBe('windows');
  });

  it('a client-device hint, or none, keeps GPM as the default; so does a hybrid hint with no way to a phone', () => {
    expect(create({ hints: ['client-device'], residentKey: 'required' }, gpmLinux).rule).toBe('create-gpm');
    expect(create({ residentKey: 'required' }, gpmLinux).rule).toBe('create-gpm');
    expect(create({ hints: ['hybrid'], residentKey: 'required' }, { ...gpmLinux, bluetooth: 'absent' }).rule).toBe(
      'create-gpm',
    );
    // 2026 code lists the phone only for a passkey request; residentKey absent means "discouraged".
    expect(create({ hints: ['hybrid'] }, gpmLinux).rule).toBe('create-gpm');
  });
});

describe('create() on Windows: any residentKey but "discouraged" asks for a passkey, so the QR comes first', () => {
  const win10 = seedPc(150, { bluetooth: 'on', windowsHello: 'not-set-up' });
  it('residentKey preferred, no Hello, Bluetooth on → Chrome QR', () => {
    const p = predictDialog({ ceremony: 'create', request: { residentKey: 'preferred' }, client: win10 });
    expect({ rule: p.rule, kind: p.screen.kind }).toEqual({ rule: 'create-qr-for-passkey', kind: 'chrome-qr' });
  });
  it('residentKey discouraged or absent → the Windows dialog', () => {
    for (const request of [{ residentKey: 'discouraged' as const }, {}])
      expect(predictDialog({ ceremony: 'create', request, client: win10 }).screen.kind).toBe('windows-security-key');
  });
});

describe('immediate mode: the rate limit lets localhost through ([V-RATE-LIMIT])', () => {
  const gpm = {
    id: 'cred-gpm',
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    transports: ['hybrid', 'internal'],
    location: 'this-device' as const,
  };
  const client = seedPc(150, {
    osVersion: '11 24H2',
    bluetooth: 'on',
    syncedProviders: ['google-password-manager'],
    gpmEnrolled: true,
    recentImmediateCalls: 2,
  });
  const immediate = (site?: string) =>
    predictDialog({
      ceremony: 'get',
      request: { uiMode: 'immediate' },
      credentials: [gpm],
      client,
      ...(site ? { site } : {}),
    });

  it('at localhost (the lab default), two recent calls: the passkey list, not a refusal', () => {
    for (const p of [immediate(), immediate('localhost')])
      expect({ kind: p.screen.kind, settles: p.outcome.settles }).toEqual({
        kind: 'chrome-passkey-list',
        settles: 'pending-until-user-acts',
      });
  });

  it('at any other site, ten calls in the last minute but none in the last 5 s: rejected; nine: not', () => {
    const at = (lastMinute: number) =>
      predictDialog({
        ceremony: 'get',
        request: { uiMode: 'immediate' },
        credentials: [gpm],
        client: { ...client, recentImmediateCalls: 0, immediateCallsLastMinute: lastMinute },
        site: 'shop.example',
      }).rule;
    expect([at(9), at(10)]).toEqual([expect.not.stringMatching(/rate-limited/), 'immediate-rate-limited']);
  });

  it('says why in words that fit the minute limit too (en, ja)', () => {
    const why = (locale: 'en' | 'ja') =>
      predictDialog({
        ceremony: 'get',
        request: { uiMode: 'immediate' },
        credentials: [gpm],
        client: { ...client, recentImmediateCalls: 0, immediateCallsLastMinute: 10 },
        site: 'shop.example',
        locale,
      }).reasons.join(' ');
    expect(why('en')).toMatch(/ten a minute/);
    expect(why('en')).not.toMatch(/More than two/);
    expect(why('ja')).toMatch(/1 分間に 10 回/);
    expect(why('ja')).not.toMatch(/3 回目以降/);
  });

  it('at any other site, two recent calls: rejected without UI', () => {
    const p = immediate('shop.example');
    expect({ rule: p.rule, error: p.outcome.error }).toEqual({
      rule: 'immediate-rate-limited',
      error: 'NotAllowedError',
    });
  });
});

describe('conditional create resolves only right after a saved password was used (dialogs-2026.md B1)', () => {
  it('Chrome 150 on Linux with GPM: resolves, and says it assumed the just-used password', () => {
    const p = predictDialog({ ceremony: 'create', request: { mediation: 'conditional' }, client: gpmLinux });
    expect({ kind: p.screen.kind, settles: p.outcome.settles }).toEqual({ kind: 'no-ui', settles: 'resolves' });
    expect(p.assumptions.join(' ')).toMatch(/saved password .* just used/);
  });
});

describe("embedded Chromium (Electron) outside Windows: Chrome's sheets are a guess, not a source", () => {
  it('Linux, no Bluetooth, a phone passkey: inferred, with the assumption shown', () => {
    const p = predictDialog({
      ceremony: 'get',
      request: omitted(),
      credentials: [PHONE],
      client: { os: 'linux', browser: 'embedded', bluetooth: 'absent' },
    });
    expect(p.confidence).toBe('inferred');
    expect(p.assumptions.join(' ')).toMatch(/Electron/);
  });

  it('Chrome itself on Linux keeps its source-backed answer without that assumption', () => {
    const p = predictDialog({
      ceremony: 'get',
      request: omitted(),
      credentials: [PHONE],
      client: { os: 'linux', browser: 'chrome', browserVersion: 150, bluetooth: 'absent' },
    });
    expect(p.confidence).toBe('source');
    expect(p.assumptions.join(' ')).not.toMatch(/Electron/);
  });
});

describe('synced phones: the confirmation sheet lasts as long as Chrome lists synced phones (features.ts syncedPhones)', () => {
  const linux = (version: number): ClientFacts => ({
    os: 'linux',
    browser: 'chrome',
    browserVersion: version,
    bluetooth: 'on',
    syncedPhones: 1,
    syncedProviders: [],
  });
  const phoneOnly = { allowCredentials: [{ id: PHONE.id, transports: ['hybrid', 'internal'] }] };
  it('Chrome 135 on Linux, one synced phone: the phone confirmation (a 2025 revision still has it, [CTRL25])', () => {
    expect(get(phoneOnly, [PHONE], linux(135)).screen.kind).toBe('chrome-phone-confirmation');
  });
  it('Chrome 150: no synced phones any more ([CTRL26]), so the QR code', () => {
    expect(get(phoneOnly, [PHONE], linux(150)).screen.kind).not.toBe('chrome-phone-confirmation');
  });
});
