import { UAParser } from 'ua-parser-js';
import type { ClientInfo } from '../client-info.js';
import type { ClientFacts } from './types.js';

/**
 * What the predictor can learn from the page's ClientInfo: OS and browser from the user agent, the Windows major
 * version from UA client hints (platformVersion >= 13 is Windows 11), Bluetooth from getClientCapabilities()
 * (hybridTransport false: Chrome found no usable Bluetooth adapter), Windows Hello / Touch ID from
 * isUserVerifyingPlatformAuthenticatorAvailable. Facts the person declared in the lab win over detection.
 * Every boolean getClientCapabilities() reported travels on as `capabilities`, so the rules can gate on them.
 */
// Parsing a user agent is costly next to a prediction (docs/benchmark.md, "Predictor latency"), and every login parses
// the same few strings again.
const parsedAgents = new Map<string, ReturnType<typeof UAParser>>();
function parseAgent(userAgent: string) {
  let parsed = parsedAgents.get(userAgent);
  if (!parsed) {
    parsed = UAParser(userAgent);
    if (parsedAgents.size >= 1000) parsedAgents.delete(parsedAgents.keys().next().value!);
    parsedAgents.set(userAgent, parsed);
  }
  return parsed;
}

export function clientFactsFrom(info: ClientInfo | undefined): ClientFacts {
  const parsed = parseAgent(info?.userAgent ?? '');
  const osName = (parsed.os.name || info?.platform || '').toLowerCase();
  // A declared Windows version means "explain this as that Windows PC", whatever the lab browser runs on.
  const declaredWindows = /^1[01]/.test(info?.declared?.osVersion ?? '');
  const os: ClientFacts['os'] =
    declaredWindows || osName.includes('windows')
      ? 'windows'
      : osName.includes('android')
        ? 'android'
        : osName.includes('ios') || osName.includes('iphone') || osName.includes('ipad')
          ? 'ios'
          : osName.includes('mac')
            ? 'macos'
            : osName.includes('chrom')
              ? 'chromeos'
              : 'linux';

  const browserName = (parsed.browser.name ?? '').toLowerCase();
  const browser: ClientFacts['browser'] = browserName.includes('edge')
    ? 'edge'
    : browserName.includes('firefox')
      ? 'firefox'
      : browserName.includes('safari')
        ? 'safari'
        : browserName.includes('chrom')
          ? 'chrome'
          : browserName
            ? 'embedded'
            : 'chrome';
  const major = Number(parsed.browser.major);

  let osVersion = info?.declared?.osVersion;
  if (!osVersion && os === 'windows' && osName.includes('windows') && info?.platformVersion) {
    const platformMajor = Number(info.platformVersion.split('.')[0]);
    if (Number.isFinite(platformMajor)) osVersion = platformMajor >= 13 ? '11' : '10';
  }

  const hybrid = info?.capabilities?.hybridTransport;
  const bluetooth = info?.declared?.bluetooth ?? (hybrid === false ? 'absent' : undefined);

  return {
    os,
    browser,
    ...(osVersion ? { osVersion } : {}),
    ...(Number.isFinite(major) && major > 0 ? { browserVersion: major } : {}),
    ...(bluetooth ? { bluetooth } : {}),
    ...(info?.uvpaa !== undefined ? { platformAuthenticator: info.uvpaa } : {}),
    ...(info?.capabilities ? { capabilities: info.capabilities } : {}),
  };
}

/**
 * Immediate UI mode is only worth asking for (and only predicted) when the browser said so itself: elsewhere
 * `uiMode` is silently ignored and the call becomes a normal modal get(), the USB prompt on the story's PC.
 */
export function immediateGetSupported(info: ClientInfo | undefined): boolean {
  return info?.capabilities?.immediateGet === true;
}
