import { Type, type Static } from 'typebox';
import { clientFactsFrom } from '../dialogs/client-facts.js';
import type { ClientFacts } from '../dialogs/types.js';
import { ClientInfo } from '../webauthn/schemas.js';
import { DEVICES } from './matrix.js';

/**
 * What /check sends (issue 12 points 5-7): what the page detected (the same ClientInfo the login page reports) and
 * the customer's answers to the questions a page cannot detect. Never anything about passkeys.
 */
export const CheckFacts = Type.Object(
  {
    client: ClientInfo,
    secureContext: Type.Boolean(),
    cookies: Type.Boolean(),
    answers: Type.Object(
      {
        bluetooth: Type.Optional(
          Type.Union([Type.Literal('present'), Type.Literal('absent'), Type.Literal('unknown')]),
        ),
        windowsHello: Type.Optional(
          Type.Union([Type.Literal('set-up'), Type.Literal('not-set-up'), Type.Literal('unknown')]),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CheckFacts = Static<typeof CheckFacts>;

/**
 * The Windows release from UA client hints' platformVersion (its major number): below 13 is Windows 10, 13 is 21H2,
 * 14 is 22H2, 15 is 23H2, and 19 (24H2 and 25H2, one servicing base) or more the newest. Microsoft documents the split
 * at 13 ("Detect Windows 11 using User-Agent Client Hints").
 */
export function windowsRelease(platformVersion: string | undefined): string | undefined {
  const major = Number(platformVersion?.split('.')[0]);
  if (!Number.isFinite(major) || platformVersion === undefined || platformVersion === '') return undefined;
  if (major < 13) return '10';
  if (major === 13) return '11-21h2';
  if (major === 14) return '11-22h2';
  if (major === 15) return '11-23h2';
  return '11-25h2';
}

export interface CheckedDevice {
  client: ClientFacts;
  /** The matrix cell this PC is, when it is one of the listed devices. */
  matrixDevice: string | null;
}

/** The predictor's client facts for the checked PC; the customer's answers win over guesses, never over detection. */
export function deviceFromCheck(facts: CheckFacts): CheckedDevice {
  const detected = clientFactsFrom(facts.client);
  const client: ClientFacts = { ...detected };
  if (client.os === 'windows') {
    const release = windowsRelease(facts.client.platformVersion);
    if (release) client.osVersion = release;
    else delete client.osVersion;
  }
  // hybridTransport false from getClientCapabilities already said "no Bluetooth"; otherwise the answer decides.
  if (client.bluetooth === undefined && facts.answers.bluetooth === 'present') client.bluetooth = 'on';
  if (client.bluetooth === undefined && facts.answers.bluetooth === 'absent') client.bluetooth = 'absent';
  if (client.os === 'windows' && facts.answers.windowsHello && facts.answers.windowsHello !== 'unknown') {
    client.platformAuthenticator = facts.answers.windowsHello === 'set-up';
    client.windowsHello = facts.answers.windowsHello;
  }
  return { client, matrixDevice: matrixDeviceFor(client) };
}

function matrixDeviceFor(client: ClientFacts): string | null {
  const match = DEVICES.find((device) => {
    const row = device.client;
    if (row.os !== client.os || row.browser !== client.browser) return false;
    if (row.os !== 'windows') return true;
    if (row.browser === 'firefox') return true;
    return (
      row.osVersion === client.osVersion &&
      row.bluetooth === (client.bluetooth === 'absent' ? 'absent' : client.bluetooth ? 'on' : undefined) &&
      row.platformAuthenticator === client.platformAuthenticator
    );
  });
  return match?.id ?? null;
}
