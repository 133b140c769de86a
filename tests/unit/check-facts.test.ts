import { describe, expect, it } from 'vitest';
import { deviceFromCheck, windowsRelease, type CheckFacts } from '../../server/support/check-facts.js';

// Issue 12 point 5: what /check detects, turned into the predictor's facts, against recorded browser samples.
// User agents and client hints as the browsers send them (Chrome freezes the Windows version in the UA at 10.0;
// only platformVersion tells 10 from 11).

const WIN_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const WIN_EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36 Edg/150.0.0.0';
const SAMPLES: { name: string; facts: CheckFacts; expected: Record<string, unknown>; cell: string | null }[] = [
  {
    name: 'Windows 10 Chrome, no Bluetooth (getClientCapabilities hybridTransport false), Hello not set up',
    facts: {
      client: {
        userAgent: WIN_CHROME,
        platform: 'Windows',
        platformVersion: '10.0.0',
        capabilities: { hybridTransport: false, conditionalGet: true },
        uvpaa: false,
      },
      secureContext: true,
      cookies: true,
      answers: { windowsHello: 'not-set-up' },
    },
    expected: {
      os: 'windows',
      osVersion: '10',
      browser: 'chrome',
      browserVersion: 150,
      bluetooth: 'absent',
      platformAuthenticator: false,
    },
    cell: 'windows-10-chrome-bt-absent-hello-no',
  },
  {
    name: 'Windows 11 25H2 Chrome with Bluetooth (answered), Hello set up',
    facts: {
      client: {
        userAgent: WIN_CHROME,
        platform: 'Windows',
        platformVersion: '19.0.0',
        capabilities: { hybridTransport: true },
        uvpaa: true,
      },
      secureContext: true,
      cookies: true,
      answers: { bluetooth: 'present', windowsHello: 'set-up' },
    },
    expected: { os: 'windows', osVersion: '11-25h2', browser: 'chrome', bluetooth: 'on', platformAuthenticator: true },
    cell: 'windows-11-25h2-chrome-bt-on-hello-yes',
  },
  {
    name: 'Windows 11 23H2 Edge, Bluetooth unknown',
    facts: {
      client: { userAgent: WIN_EDGE, platform: 'Windows', platformVersion: '15.0.0', uvpaa: true },
      secureContext: true,
      cookies: true,
      answers: { bluetooth: 'unknown', windowsHello: 'set-up' },
    },
    expected: { os: 'windows', osVersion: '11-23h2', browser: 'edge' },
    cell: null,
  },
  {
    name: 'macOS Safari',
    facts: {
      client: {
        userAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15',
        uvpaa: true,
      },
      secureContext: true,
      cookies: true,
      answers: {},
    },
    expected: { os: 'macos', browser: 'safari' },
    cell: 'macos-safari',
  },
  {
    name: 'macOS Chrome',
    facts: {
      client: {
        userAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
        platform: 'macOS',
        platformVersion: '15.3.0',
      },
      secureContext: true,
      cookies: true,
      answers: {},
    },
    expected: { os: 'macos', browser: 'chrome' },
    cell: 'macos-chrome',
  },
  {
    name: 'Android Chrome',
    facts: {
      client: {
        userAgent:
          'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36',
        platform: 'Android',
        mobile: true,
      },
      secureContext: true,
      cookies: true,
      answers: {},
    },
    expected: { os: 'android', browser: 'chrome' },
    cell: 'android-chrome',
  },
  {
    name: 'iPhone Safari',
    facts: {
      client: {
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1',
      },
      secureContext: true,
      cookies: true,
      answers: {},
    },
    expected: { os: 'ios', browser: 'safari' },
    cell: 'iphone-safari',
  },
  {
    name: 'Firefox on Windows (no client hints)',
    facts: {
      client: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0' },
      secureContext: true,
      cookies: true,
      answers: { bluetooth: 'present' },
    },
    expected: { os: 'windows', browser: 'firefox', browserVersion: 140 },
    cell: 'windows-11-firefox',
  },
  {
    name: 'Firefox on Linux',
    facts: {
      client: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0' },
      secureContext: true,
      cookies: true,
      answers: {},
    },
    expected: { os: 'linux', browser: 'firefox' },
    cell: null,
  },
];

describe('self-check detection', () => {
  for (const sample of SAMPLES) {
    it(sample.name, () => {
      const device = deviceFromCheck(sample.facts);
      expect(device.client).toMatchObject(sample.expected);
      expect(device.matrixDevice).toBe(sample.cell);
    });
  }

  it('Firefox on Windows sends no client hints: the Windows version is not guessed', () => {
    expect(
      deviceFromCheck(SAMPLES.find((s) => s.name.startsWith('Firefox on Windows'))!.facts).client.osVersion,
    ).toBeUndefined();
  });

  it('platformVersion separates Windows 10 from 11 and the 11 releases', () => {
    expect(['0.3.0', '10.0.0', '13.0.0', '14.0.0', '15.0.0', '19.0.0', '', undefined].map(windowsRelease)).toEqual([
      '10',
      '10',
      '11-21h2',
      '11-22h2',
      '11-23h2',
      '11-25h2',
      undefined,
      undefined,
    ]);
  });
});
