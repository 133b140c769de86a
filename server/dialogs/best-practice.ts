import type { StoredCredential } from '../../db/credentials.js';
import type { ClientInfo } from '../webauthn/schemas.js';
import { locationOf } from './for-options.js';
import type { ScreenKind } from './types.js';

export type Advice = 'proceed' | 'offer-fallback-first';

export interface BestPracticeRequest {
  /** Transports to send for one credential: what it reported, plus hybrid for phone and synced passkeys. */
  transportsFor: (credential: StoredCredential) => string[] | undefined;
  hints: ('hybrid' | 'client-device')[];
}

/**
 * The relying-party choices that avoid the USB dialog (dialogs.md §6): send stored transports, add "hybrid" for
 * passkeys that live on phones or sync, hint "hybrid" when every passkey is on a phone, and "client-device" when
 * one is on this very device.
 */
export function bestPracticeRequest(credentials: StoredCredential[], client: ClientInfo | undefined): BestPracticeRequest {
  const locations = credentials.map((credential) => locationOf(credential, client));
  const hints: BestPracticeRequest['hints'] = [];
  if (locations.includes('this-device')) hints.push('client-device');
  else if (locations.length > 0 && locations.every((location) => location === 'phone')) hints.push('hybrid');
  return {
    transportsFor: (credential) => {
      const stored = credential.transports ?? [];
      const onPhone = locationOf(credential, client) === 'phone' || credential.deviceType === 'multiDevice';
      if (stored.length === 0) return onPhone ? ['hybrid', 'internal'] : undefined;
      return onPhone && !stored.includes('hybrid') ? [...stored, 'hybrid'] : stored;
    },
    hints,
  };
}

const DEAD_ENDS: ScreenKind[] = ['windows-security-key', 'chrome-no-passkeys', 'chrome-security-key', 'firefox-security-key', 'none-rejected'];

/** Skip the modal call and lead with fallbacks when the predicted sheet is a dead end for phone passkeys. */
export function adviceFor(predicted: ScreenKind, credentials: StoredCredential[], client: ClientInfo | undefined): Advice {
  const ownsKey = credentials.some((credential) => locationOf(credential, client) === 'security-key');
  if (!ownsKey && DEAD_ENDS.includes(predicted)) return 'offer-fallback-first';
  if (client?.capabilities?.hybridTransport === false && credentials.length > 0 && credentials.every((c) => locationOf(c, client) === 'phone')) {
    return 'offer-fallback-first';
  }
  return 'proceed';
}
