import type { StoredCredential } from '../../db/credentials.js';
import { predictDialog } from '../dialogs/predict.js';
import type { ClientFacts, CredentialFacts, PredictionInput } from '../dialogs/types.js';
import { transportsFor } from '../webauthn/authentication.js';
import { describeProvider } from '../passkey-providers.js';
import type { Cell, Device } from './schemas.js';

// The device matrix (issue 12 point 3): for one account, what each likely device shows at the next sign-in, from the
// pure predictor. Pure: credentials in, predictions out. The request is built as the login page builds it (username
// first, the stored transports per passkey), so a cell is what the customer will really meet.

const windowsRow = (
  version: '10' | '11-23h2' | '11-25h2',
  browser: 'chrome' | 'edge',
  bluetooth: 'on' | 'absent',
  hello: boolean,
): Device => ({
  id: `windows-${version}-${browser}-bt-${bluetooth}-hello-${hello ? 'yes' : 'no'}`,
  group: 'windows',
  client: {
    os: 'windows',
    osVersion: version,
    browser,
    bluetooth,
    platformAuthenticator: hello,
    windowsHello: hello ? 'set-up' : 'not-set-up',
  },
  hello,
});

export const DEVICES: Device[] = [
  ...(['10', '11-23h2', '11-25h2'] as const).flatMap((version) =>
    (['chrome', 'edge'] as const).flatMap((browser) =>
      (['on', 'absent'] as const).flatMap((bluetooth) =>
        [true, false].map((hello) => windowsRow(version, browser, bluetooth, hello)),
      ),
    ),
  ),
  {
    id: 'macos-safari',
    group: 'other',
    client: { os: 'macos', browser: 'safari', bluetooth: 'on', platformAuthenticator: true },
  },
  {
    id: 'macos-chrome',
    group: 'other',
    client: { os: 'macos', browser: 'chrome', bluetooth: 'on', platformAuthenticator: true },
  },
  { id: 'android-chrome', group: 'other', client: { os: 'android', browser: 'chrome', platformAuthenticator: true } },
  { id: 'iphone-safari', group: 'other', client: { os: 'ios', browser: 'safari', platformAuthenticator: true } },
  {
    id: 'windows-11-firefox',
    group: 'other',
    client: { os: 'windows', osVersion: '11-25h2', browser: 'firefox', bluetooth: 'on', platformAuthenticator: true },
  },
];

/** Where a stored passkey is, seen from one device: on it, on a phone, on a key, on another computer. */
function locationFrom(credential: StoredCredential, client: ClientFacts): CredentialFacts['location'] {
  const kind = describeProvider(credential.aaguid).kind;
  if (kind === 'google-password-manager') return client.os === 'android' ? 'this-device' : 'phone';
  if (kind === 'icloud-keychain')
    return client.os === 'ios' || (client.os === 'macos' && client.browser === 'safari') ? 'this-device' : 'phone';
  if (kind === 'windows-hello') return 'other-computer';
  const transports = credential.transports ?? [];
  if (
    !credential.backedUp &&
    transports.length > 0 &&
    transports.every((t) => t === 'usb' || t === 'nfc' || t === 'ble')
  )
    return 'security-key';
  return undefined;
}

/** `here`: passkeys known to be on this very device (a passkey a fix would have the customer make on it). */
export function inputFor(
  credentials: StoredCredential[],
  device: Device,
  locale: 'ja' | 'en',
  site: string,
  here: ReadonlySet<string> = new Set(),
): PredictionInput {
  return {
    ceremony: 'get',
    request: {
      allowCredentials: credentials.map((credential) => {
        const sent = transportsFor(credential.transports, 'stored');
        return { id: credential.id, type: 'public-key', ...(sent ? { transports: sent } : {}) };
      }),
      userVerification: 'preferred',
    },
    credentials: credentials.map((credential) => {
      const location = here.has(credential.id) ? 'this-device' : locationFrom(credential, device.client);
      return {
        id: credential.id,
        ...(credential.transports ? { transports: credential.transports } : {}),
        backupEligible: credential.deviceType === 'multiDevice',
        backedUp: credential.backedUp,
        aaguid: credential.aaguid,
        ...(location ? { location } : {}),
      };
    }),
    client: device.client,
    locale,
    site,
  };
}

export function deviceMatrix(
  credentials: StoredCredential[],
  staffLocale: 'ja' | 'en',
  customerLocale: 'ja' | 'en',
  site: string,
): Cell[] {
  return DEVICES.map((device) => ({
    device,
    staff: predictDialog(inputFor(credentials, device, staffLocale, site), site),
    customer: predictDialog(inputFor(credentials, device, customerLocale, site), site),
  }));
}
