import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import { describeProvider } from '../webauthn/providers.js';
import type { ClientInfo } from '../webauthn/schemas.js';
import { clientFactsFrom } from './client-facts.js';
import { predictDialog } from './predict.js';
import type { CredentialFacts, Prediction, PredictionInput } from './types.js';

/** Where a stored credential lives, judged from what it reported and who registered it. */
export function locationOf(credential: StoredCredential, currentClient: ClientInfo | undefined): CredentialFacts['location'] {
  const registered = (credential.registeredClient ?? {}) as ClientInfo;
  const transports = credential.transports ?? [];
  if (credential.attachment === 'cross-platform' && transports.length > 0 && transports.every((t) => ['usb', 'nfc', 'ble'].includes(t))) {
    return 'security-key';
  }
  const registeredOn = clientFactsFrom(registered);
  if (registered.mobile || registeredOn.os === 'android' || registeredOn.os === 'ios' || transports.includes('hybrid')) return 'phone';
  if (registered.userAgent && currentClient?.userAgent && registered.userAgent === currentClient.userAgent) return 'this-device';
  return 'other-computer';
}

export function credentialFacts(credential: StoredCredential, currentClient: ClientInfo | undefined): CredentialFacts {
  const provider = describeProvider(credential.aaguid);
  return {
    id: credential.id,
    ...(credential.transports ? { transports: credential.transports } : {}),
    backupEligible: credential.deviceType === 'multiDevice',
    backedUp: credential.backedUp,
    aaguid: credential.aaguid,
    ...(provider.kind !== 'unknown' && provider.kind !== 'other' && provider.kind !== 'virtual' ? { provider: provider.kind } : {}),
    location: locationOf(credential, currentClient),
  };
}

/** The prediction for options the lab is about to send (or has sent), for the account they were built for. */
export function predictForOptions(
  repos: Repositories,
  input: { options: unknown; accountId: number | null; client: unknown; locale: 'ja' | 'en' },
  site?: string,
): Prediction {
  const options = input.options as { allowCredentials?: { id: string; transports?: string[] }[]; hints?: string[]; userVerification?: string };
  const client = input.client as ClientInfo | undefined;
  const credentials = input.accountId === null ? [] : repos.credentials.listForAccount(input.accountId);
  const request: NonNullable<PredictionInput['request']> = {
    allowCredentials: (options.allowCredentials ?? []).map(({ id, transports }) => ({ id, ...(transports ? { transports } : {}) })),
    hints: (options.hints ?? []) as NonNullable<PredictionInput['request']>['hints'],
  };
  return predictDialog(
    {
      ceremony: 'get',
      request,
      credentials: credentials.map((credential) => credentialFacts(credential, client)),
      client: clientFactsFrom(client),
      locale: input.locale,
      ...(site ? { site } : {}),
    },
    site,
  );
}
