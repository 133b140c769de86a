import { post } from './api.js';

// The Signal API: the page tells the browser what the server knows about the account's passkeys, where the browser
// has the call, and reports what it sent so the account's history shows it. Signals are fire-and-forget: a browser
// without the call is recorded as "unsupported", never treated as an error.

// What the server hands the page to signal: the types of its response schemas (server/account/schemas.ts).
import type {
  AllAcceptedCredentialsSignal as AllAcceptedCredentials,
  CurrentUserDetailsSignal as CurrentUserDetails,
  UnknownCredentialSignal as UnknownCredential,
} from '../../../server/account/schemas.js';
export type { AllAcceptedCredentials, CurrentUserDetails, UnknownCredential };

type Kind = 'unknown-credential' | 'all-accepted-credentials' | 'current-user-details';
const METHODS: Record<Kind, 'signalUnknownCredential' | 'signalAllAcceptedCredentials' | 'signalCurrentUserDetails'> = {
  'unknown-credential': 'signalUnknownCredential',
  'all-accepted-credentials': 'signalAllAcceptedCredentials',
  'current-user-details': 'signalCurrentUserDetails',
};

export interface SignalOutcome {
  kind: Kind;
  result: 'sent' | 'unsupported' | 'failed';
  sent: object;
  error?: string;
}

async function signal(kind: Kind, sent: object): Promise<SignalOutcome> {
  const method = (
    globalThis.PublicKeyCredential as unknown as
      Record<string, ((payload: object) => Promise<void>) | undefined> | undefined
  )?.[METHODS[kind]];
  let outcome: SignalOutcome;
  if (typeof method !== 'function') {
    outcome = { kind, result: 'unsupported', sent };
  } else {
    try {
      await method.call(PublicKeyCredential, sent);
      outcome = { kind, result: 'sent', sent };
    } catch (error) {
      outcome = { kind, result: 'failed', sent, error: String((error as Error)?.name ?? 'Error').slice(0, 64) };
    }
  }
  await post('/api/account/signals', outcome);
  return outcome;
}

export const signalUnknownCredential = (payload: UnknownCredential) => signal('unknown-credential', payload);
export const signalAllAcceptedCredentials = (payload: AllAcceptedCredentials) =>
  signal('all-accepted-credentials', payload);
export const signalCurrentUserDetails = (payload: CurrentUserDetails) => signal('current-user-details', payload);
