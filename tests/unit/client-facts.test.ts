import { describe, expect, it } from 'vitest';
import { adviceFor, bestPracticeRequest } from '../../server/dialogs/best-practice.js';
import { clientFactsFrom, immediateGetSupported } from '../../server/dialogs/client-facts.js';
import type { StoredCredential } from '../../db/credentials.js';
import { newCredential } from '../support/credentials.js';

const WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const EDGE = `${WIN} Edg/131.0.0.0`;
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const MAC_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const ELECTRON =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) min/1.2 Chrome/120.0.0.0 Electron/28.0.0 Safari/537.36';

describe('clientFactsFrom', () => {
  it('reads OS, browser and version from the user agent', () => {
    expect(clientFactsFrom({ userAgent: WIN })).toMatchObject({
      os: 'windows',
      browser: 'chrome',
      browserVersion: 131,
    });
    expect(clientFactsFrom({ userAgent: EDGE })).toMatchObject({ os: 'windows', browser: 'edge' });
    expect(clientFactsFrom({ userAgent: ANDROID })).toMatchObject({ os: 'android', browser: 'chrome' });
    expect(clientFactsFrom({ userAgent: MAC_SAFARI })).toMatchObject({ os: 'macos', browser: 'safari' });
    expect(clientFactsFrom({ userAgent: ELECTRON })).toMatchObject({ os: 'windows', browser: 'embedded' });
  });

  it('tells Windows 10 from 11 by the UA-CH platformVersion', () => {
    expect(clientFactsFrom({ userAgent: WIN, platformVersion: '10.0.0' }).osVersion).toBe('10');
    expect(clientFactsFrom({ userAgent: WIN, platformVersion: '15.0.0' }).osVersion).toBe('11');
    expect(clientFactsFrom({ userAgent: WIN }).osVersion).toBeUndefined();
  });

  it('reads Bluetooth from hybridTransport and lets declared facts win', () => {
    expect(clientFactsFrom({ userAgent: WIN, capabilities: { hybridTransport: false } }).bluetooth).toBe('absent');
    expect(clientFactsFrom({ userAgent: WIN, capabilities: { hybridTransport: true } }).bluetooth).toBeUndefined();
    expect(
      clientFactsFrom({ userAgent: WIN, capabilities: { hybridTransport: false }, declared: { bluetooth: 'off' } })
        .bluetooth,
    ).toBe('off');
    const linuxDeclaredWindows = clientFactsFrom({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0',
      declared: { osVersion: '10' },
    });
    expect(linuxDeclaredWindows).toMatchObject({ os: 'windows', osVersion: '10' });
  });
});

const credential = (overrides: Partial<StoredCredential>): StoredCredential => ({
  ...newCredential({ id: 'c', accountId: 1, transports: null, registeredClient: { userAgent: ANDROID, mobile: true } }),
  publicKey: new Uint8Array(),
  flaggedClone: false,
  createdAt: 0,
  lastUsedAt: null,
  ...overrides,
});

describe('client capabilities', () => {
  it('every capability the page reported reaches the predictor input, and immediate mode needs immediateGet', () => {
    const capabilities = {
      immediateGet: true,
      conditionalGet: true,
      conditionalCreate: true,
      hybridTransport: false,
      signalUnknownCredential: true,
    };
    expect(clientFactsFrom({ userAgent: WIN, capabilities }).capabilities).toEqual(capabilities);
    expect(clientFactsFrom({ userAgent: WIN }).capabilities).toBeUndefined();
    expect(immediateGetSupported({ userAgent: WIN, capabilities })).toBe(true);
    expect(immediateGetSupported({ userAgent: WIN, capabilities: { ...capabilities, immediateGet: false } })).toBe(
      false,
    );
    expect(immediateGetSupported({ userAgent: WIN, capabilities: { conditionalGet: true } })).toBe(false);
    expect(immediateGetSupported(undefined)).toBe(false);
  });
});

describe('best practice', () => {
  it('adds hybrid for phone passkeys and hints hybrid when every passkey is on a phone', () => {
    const request = bestPracticeRequest([credential({ transports: ['internal'] })], { userAgent: WIN });
    expect(request.hints).toEqual(['hybrid']);
    expect(request.transportsFor(credential({ transports: ['internal'] }))).toEqual(['internal', 'hybrid']);
    expect(request.transportsFor(credential({ transports: null }))).toEqual(['hybrid', 'internal']);
    const key = credential({
      transports: ['usb'],
      attachment: 'cross-platform',
      deviceType: 'singleDevice',
      registeredClient: { userAgent: WIN },
    });
    expect(bestPracticeRequest([key], { userAgent: WIN }).transportsFor(key)).toEqual(['usb']);
  });

  it('advises fallbacks first when the predicted sheet is a dead end, unless the account has a security key', () => {
    const phone = credential({});
    expect(adviceFor('windows-security-key', [phone], { userAgent: WIN })).toBe('offer-fallback-first');
    expect(adviceFor('chrome-mechanism-list', [phone], { userAgent: WIN })).toBe('proceed');
    const key = credential({ transports: ['usb'], attachment: 'cross-platform', registeredClient: { userAgent: WIN } });
    expect(adviceFor('windows-security-key', [key], { userAgent: WIN })).toBe('proceed');
  });
});
