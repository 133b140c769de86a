import type { StoredCredential } from '../../db/credentials.js';
import type { Repositories } from '../../db/index.js';
import { describeProvider } from '../passkey-providers.js';
import type { ClientInfo } from '../client-info.js';
import { clientFactsFrom, immediateGetSupported } from './client-facts.js';
import { classifyDialog, predictDialog } from './predict.js';
import type { CredentialFacts, Prediction, PredictionInput } from './types.js';

/** Where a stored credential lives, judged from what it reported and who registered it. */
export function locationOf(
  credential: StoredCredential,
  currentClient: ClientInfo | undefined,
): CredentialFacts['location'] {
  const registered = (credential.registeredClient ?? {}) as ClientInfo;
  const transports = credential.transports ?? [];
  if (
    credential.attachment === 'cross-platform' &&
    transports.length > 0 &&
    transports.every((t) => ['usb', 'nfc', 'ble'].includes(t))
  ) {
    return 'security-key';
  }
  const registeredOn = clientFactsFrom(registered);
  if (registered.mobile || registeredOn.os === 'android' || registeredOn.os === 'ios' || transports.includes('hybrid'))
    return 'phone';
  if (registered.userAgent && currentClient?.userAgent && registered.userAgent === currentClient.userAgent)
    return 'this-device';
  return 'other-computer';
}

function credentialFacts(credential: StoredCredential, currentClient: ClientInfo | undefined): CredentialFacts {
  const provider = describeProvider(credential.aaguid);
  return {
    id: credential.id,
    ...(credential.transports ? { transports: credential.transports } : {}),
    backupEligible: credential.deviceType === 'multiDevice',
    backedUp: credential.backedUp,
    aaguid: credential.aaguid,
    ...(provider.kind !== 'unknown' && provider.kind !== 'other' && provider.kind !== 'virtual'
      ? { provider: provider.kind }
      : {}),
    location: locationOf(credential, currentClient),
  };
}

/** The prediction for options the lab is about to send (or has sent), for the account they were built for. */
interface OptionsInput {
  options: unknown;
  accountId: number | null;
  client: unknown;
  locale: 'ja' | 'en';
  /** The page asked for immediate UI mode. */
  uiMode?: 'immediate';
}

/** What a login's options are classified from: no account look-up, the route has read the credentials already. */
export interface ClassifyInput {
  options: unknown;
  client: unknown;
  /** The account's credentials, or a name's fakes as stored. */
  credentials: StoredCredential[];
  uiMode?: 'immediate';
}

/**
 * What the Signal API told the browser about this account's passkeys: deleted ones it was told are unknown (they may
 * still sit on a device, but no longer count as local) and live ones missing from the last accepted list it got.
 */
function withSignals(
  repos: Repositories,
  accountId: number,
  credentials: StoredCredential[],
  client: ClientInfo | undefined,
): CredentialFacts[] {
  const accepted = repos.signals.lastAcceptedList(accountId);
  const live = credentials.map((credential): CredentialFacts => {
    const notAccepted = accepted && credential.createdAt <= accepted.at && !accepted.ids.includes(credential.id);
    return { ...credentialFacts(credential, client), ...(notAccepted ? { signalled: 'not-accepted' as const } : {}) };
  });
  const deleted = repos.signals
    .signalledDeleted(accountId)
    .map((gone): CredentialFacts => ({
      ...credentialFacts(
        {
          ...gone,
          accountId,
          publicKey: new Uint8Array(),
          counter: 0,
          attestationFormat: 'none',
          credPropsRk: null,
          label: null,
          flaggedClone: false,
          lastUsedAt: null,
        },
        client,
      ),
      signalled: 'unknown',
    }));
  return [...live, ...deleted];
}

/** The predictor's input for options and the passkeys they target. Pure. */
function requestInput(
  input: Pick<ClassifyInput, 'options' | 'client' | 'uiMode'>,
  credentials: CredentialFacts[],
  site?: string,
): PredictionInput {
  const options = input.options as {
    allowCredentials?: { id: string; transports?: string[] }[];
    hints?: string[];
    userVerification?: string;
  };
  const client = input.client as ClientInfo | undefined;
  return {
    ceremony: 'get',
    request: {
      allowCredentials: (options.allowCredentials ?? []).map(({ id, transports }) => ({
        id,
        ...(transports ? { transports } : {}),
      })),
      hints: (options.hints ?? []) as NonNullable<PredictionInput['request']>['hints'],
      // Immediate mode is predicted only for a browser that reported immediateGet; elsewhere it is a modal get().
      ...(input.uiMode === 'immediate' && immediateGetSupported(client) ? { uiMode: 'immediate' as const } : {}),
    },
    credentials,
    client: clientFactsFrom(client),
    ...(site ? { site } : {}),
  };
}

/** The predictor's input for options the lab sent; with `signals`, what the Signal API told the browser is included. */
export function predictionInput(
  repos: Repositories,
  input: OptionsInput,
  site?: string,
  signals = false,
): PredictionInput {
  const client = input.client as ClientInfo | undefined;
  const credentials = input.accountId === null ? [] : repos.credentials.listForAccount(input.accountId);
  const facts =
    signals && input.accountId !== null
      ? withSignals(repos, input.accountId, credentials, client)
      : credentials.map((credential) => credentialFacts(credential, client));
  return { ...requestInput(input, facts, site), locale: input.locale };
}

/** The full, localised prediction for options the lab sent (shown after a failed login). */
export function predictForOptions(repos: Repositories, input: OptionsInput, site?: string): Prediction {
  // Only the explanation reads the signal trail: it cannot change an allow-list request's target set, and the login
  // hot path (classifyForOptions) should not scan the account's history on every call.
  return predictDialog(predictionInput(repos, input, site, true), site);
}

/** The same decision without rendering any text: what every login options call records. Pure. */
export function classifyForOptions(input: ClassifyInput, site?: string) {
  const client = input.client as ClientInfo | undefined;
  const credentials = input.credentials.map((credential) => credentialFacts(credential, client));
  return classifyDialog(requestInput(input, credentials, site), site);
}
