import { describe, expect, it } from 'vitest';
import { predictDialog } from '../../server/dialogs/predict.js';
import type { ClientFacts, PredictionInput } from '../../server/dialogs/types.js';
import { HELLO, PHONE, PHONE_ICLOUD } from './predictor-table.js';

// Version gates and facts checked against Chromium's own flag file and controller (docs/research/verified-2026.md
// [V-FLAGS], [V-PRIORITY]). Each case is the scenario that showed the old gate contradicting its source.

const win11 = (browserVersion: number, extra: Partial<ClientFacts> = {}): ClientFacts => ({
  os: 'windows',
  osVersion: '11 24H2',
  browser: 'chrome',
  browserVersion,
  bluetooth: 'on',
  windowsHello: 'set-up',
  syncedProviders: [],
  ...extra,
});
const GPM = { ...PHONE, id: 'cred-gpm', location: 'this-device' as const };
const predict = (input: PredictionInput) => {
  const p = predictDialog(input);
  return { rule: p.rule, kind: p.screen.kind };
};

describe('hints reach webauthn.dll only from Chrome 143 (kWebAuthenticationWindowsHints "Enabled by default in M143")', () => {
  const hinted = (browserVersion: number) =>
    predict({
      ceremony: 'get',
      request: { allowCredentials: [{ id: PHONE.id }], hints: ['security-key'] },
      credentials: [PHONE],
      client: win11(browserVersion),
    });
  it('Windows 11 24H2 (API 8), Chrome 140 and 142: Windows gets no hint and opens its chooser', () => {
    expect(hinted(140).kind).toBe('windows-passkey-chooser');
    expect(hinted(142)).toEqual({ rule: 'hint-security-key-windows-chooser', kind: 'windows-passkey-chooser' });
  });
  it('Chrome 143: the hint is forwarded and Windows asks for the security key', () =>
    expect(hinted(143)).toEqual({ rule: 'hint-security-key-windows', kind: 'windows-security-key' }));
});

describe('a signal does not delete a Windows Hello passkey (kWebAuthnHelloSignal is disabled by default)', () => {
  const hello = (signalled: boolean, client: ClientFacts, transports?: string[]) =>
    predict({
      ceremony: 'get',
      request: { allowCredentials: [{ id: HELLO.id, ...(transports ? { transports } : {}) }] },
      credentials: [signalled ? { ...HELLO, signalled: 'unknown' } : HELLO],
      client,
    });
  it('Windows 11 24H2, Chrome 150: the signalled Hello passkey still opens Windows Hello', () =>
    expect(hello(true, win11(150), ['internal']).kind).toBe('windows-hello'));
  it('Windows 10 (API 3) and Windows 11: a signalled Hello passkey is predicted like one never signalled', () => {
    const win10 = { ...win11(150), osVersion: '10', bluetooth: 'absent' as const };
    for (const client of [win10, win11(150)]) expect(hello(true, client)).toEqual(hello(false, client));
  });
  it('a signalled GPM passkey still stops counting (GPM hides it; not behind the Hello flag)', () => {
    const client = win11(150, { syncedProviders: ['google-password-manager'] });
    const get = (signalled: boolean) =>
      predict({
        ceremony: 'get',
        request: {},
        credentials: [signalled ? { ...GPM, signalled: 'unknown' } : GPM],
        client,
      });
    expect(get(false).kind).toBe('chrome-passkey-list');
    expect(get(true).kind).not.toBe('chrome-passkey-list');
  });
});

describe('Chrome on macOS reaches iCloud Keychain only from Chrome 118 (kWebAuthnICloudKeychain "Enabled in M118")', () => {
  const mac = (browserVersion: number) =>
    predict({
      ceremony: 'get',
      request: {},
      credentials: [{ ...PHONE_ICLOUD, location: 'this-device' }],
      client: { os: 'macos', browser: 'chrome', browserVersion, bluetooth: 'on', syncedProviders: ['icloud-keychain'] },
    });
  it('Chrome 110 and 117: no macOS iCloud sheet and no passkey listed as on this Mac', () => {
    for (const version of [110, 117]) {
      expect(mac(version).rule).not.toBe('desktop-icloud-single');
      expect(mac(version).kind).not.toBe('chrome-passkey-list');
    }
  });
  it('Chrome 118: the single iCloud passkey goes to the macOS sheet', () =>
    expect(mac(118)).toEqual({ rule: 'desktop-icloud-single', kind: 'apple-passkey-sheet' }));
  it('Safari is not gated by the Chrome flag', () =>
    expect(
      predict({
        ceremony: 'get',
        request: {},
        credentials: [{ ...PHONE_ICLOUD, location: 'this-device' }],
        client: { os: 'macos', browser: 'safari', browserVersion: 16, syncedProviders: ['icloud-keychain'] },
      }).kind,
    ).toBe('apple-passkey-sheet'));
});

describe('GPM outranks Windows Hello for an empty allow list wherever GPM passkeys are listed (2024 SourcePriority)', () => {
  const both = (browserVersion: number) =>
    predict({
      ceremony: 'get',
      request: { allowCredentials: [] },
      credentials: [GPM, HELLO],
      client: win11(browserVersion, { syncedProviders: ['google-password-manager'] }),
    });
  it('Chrome 131: Chrome’s own sheet with the GPM passkey, not Windows Hello', () =>
    expect(both(131)).toEqual({ rule: 'gpm-over-hello-discoverable', kind: 'chrome-passkey-list' }));
  it('Chrome 128, before GPM passkeys reach desktop: Windows Hello', () =>
    expect(both(128).kind).toBe('windows-hello'));
});

describe('Windows 11 24H2 plugin providers: the sources disagree, so the prediction names its assumption', () => {
  it('24H2 + 1Password: the provider is ignored and the assumption says 25H2 was assumed and 24H2 is disputed', () => {
    for (const locale of ['en', 'ja'] as const) {
      const p = predictDialog({
        ceremony: 'get',
        request: {},
        credentials: [{ id: 'cred-1p', aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d', location: 'this-device' }],
        client: win11(150, { pluginProviders: ['1Password'] }),
        locale,
      });
      const said = p.assumptions.find((a) => a.includes('1Password')) ?? '';
      expect(said, locale).toMatch(/25H2/);
      expect(said, locale).toMatch(/24H2/);
    }
  });
});
