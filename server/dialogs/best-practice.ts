import type { StoredCredential } from '../../db/credentials.js';
import type { ClientInfo } from '../client-info.js';
import { deriveFacts } from './facts.js';
import { locationOf } from './for-options.js';
import { predictDialog } from './predict.js';
import { Type, type Static } from 'typebox';
import {
  PredictionRequest,
  PredictionSchema,
  type ClientFacts,
  type CredentialFacts,
  type PredictionInput,
  type ScreenKind,
} from './types.js';

// What the relying party should send, and in which order to call, decided only here: the login route uses it for
// `strategy: "best-practice"` and the lab page asks for it through POST /api/dialogs/compare (dialogs.md §6,
// dialogs-2026.md A1-A8, B1).

export type Advice = 'proceed' | 'offer-fallback-first';
type Location = CredentialFacts['location'];
type Request = NonNullable<PredictionInput['request']>;

interface PracticeCredential {
  transports?: string[] | undefined;
  location: Location;
  /** Synced (backup eligible): reachable from a phone even when registered elsewhere. */
  synced: boolean;
}

/** Transports to send for one credential: what it reported, plus hybrid for phone and synced passkeys. */
function practiceTransports(credential: PracticeCredential): string[] | undefined {
  const stored = credential.transports ?? [];
  const onPhone = credential.location === 'phone' || credential.synced;
  if (stored.length === 0) return onPhone ? ['hybrid', 'internal'] : undefined;
  return onPhone && !stored.includes('hybrid') ? [...stored, 'hybrid'] : stored;
}

/** The hybrid hint when every passkey is on a phone, client-device when one is on this very device. */
function practiceHints(locations: Location[]): ('hybrid' | 'client-device')[] {
  if (locations.includes('this-device')) return ['client-device'];
  return locations.length > 0 && locations.every((location) => location === 'phone') ? ['hybrid'] : [];
}

const DEAD_ENDS: ScreenKind[] = [
  'windows-security-key',
  'chrome-no-passkeys',
  'chrome-security-key',
  'firefox-security-key',
  'none-rejected',
  'no-ui',
  'chrome-device-not-usable',
];

function advice(predicted: ScreenKind, locations: Location[], hybridTransport: boolean | undefined): Advice {
  const ownsKey = locations.includes('security-key');
  if (!ownsKey && DEAD_ENDS.includes(predicted)) return 'offer-fallback-first';
  if (hybridTransport === false && locations.length > 0 && locations.every((l) => l === 'phone'))
    return 'offer-fallback-first';
  return 'proceed';
}

// For the login route, on stored credentials.

export interface BestPracticeRequest {
  transportsFor: (credential: StoredCredential) => string[] | undefined;
  hints: ('hybrid' | 'client-device')[];
}

const stored = (credential: StoredCredential, client: ClientInfo | undefined): PracticeCredential => ({
  transports: credential.transports ?? undefined,
  location: locationOf(credential, client),
  synced: credential.deviceType === 'multiDevice',
});

export function bestPracticeRequest(
  credentials: StoredCredential[],
  client: ClientInfo | undefined,
): BestPracticeRequest {
  return {
    transportsFor: (credential) => practiceTransports(stored(credential, client)),
    hints: practiceHints(credentials.map((credential) => locationOf(credential, client))),
  };
}

/** Skip the modal call and lead with fallbacks when the predicted sheet is a dead end for phone passkeys. */
export function adviceFor(
  predicted: ScreenKind,
  credentials: StoredCredential[],
  client: ClientInfo | undefined,
): Advice {
  return advice(
    predicted,
    credentials.map((credential) => locationOf(credential, client)),
    client?.capabilities?.hybridTransport,
  );
}

// For the lab, on described credentials and a described PC.

/** A step of the plan. immediate: on the sign-in button; conditional: autofill on page load; own-page: the site's own choices; modal: on request. */
const PlanStepSchema = Type.Object({
  step: Type.Enum(['immediate', 'conditional', 'own-page', 'modal']),
  request: Type.Optional(PredictionRequest),
  prediction: Type.Optional(PredictionSchema),
});
export type PlanStep = Static<typeof PlanStepSchema>;

/** POST /api/dialogs/compare's reply (the lab page imports the type). */
export const ComparisonSchema = Type.Object({
  marketplace: Type.Object({ request: PredictionRequest, prediction: PredictionSchema }),
  immediate: Type.Object({ request: PredictionRequest, prediction: PredictionSchema }),
  bestPractice: Type.Object({
    steps: Type.Array(PlanStepSchema),
    advice: Type.Enum(['proceed', 'offer-fallback-first']),
  }),
});
export type Comparison = Static<typeof ComparisonSchema>;

export interface CompareInput {
  credentials: CredentialFacts[];
  client: ClientFacts;
  marketplace: Request;
  userVerification?: Request['userVerification'];
  locale?: 'ja' | 'en';
  site?: string;
}

export function compareStrategies(input: CompareInput, defaultSite: string): Comparison {
  const predict = (request: Request) =>
    predictDialog(
      {
        ceremony: 'get',
        request,
        credentials: input.credentials,
        client: input.client,
        ...(input.locale ? { locale: input.locale } : {}),
        ...(input.site ? { site: input.site } : {}),
      },
      defaultSite,
    );
  const uv = input.userVerification ? { userVerification: input.userVerification } : {};
  const facts = deriveFacts({ ceremony: 'get', credentials: input.credentials, client: input.client }, defaultSite);
  const locations = facts.targets.map((t) => t.location);

  const modalRequest: Request = {
    allowCredentials: facts.targets.map((credential) => {
      const transports = practiceTransports({
        transports: credential.transports,
        location: credential.location,
        synced: credential.backupEligible === true,
      });
      return transports ? { id: credential.id, transports } : { id: credential.id };
    }),
    hints: practiceHints(locations),
    ...uv,
  };
  const immediateRequest: Request = { uiMode: 'immediate', mediation: 'optional', ...uv };
  const immediatePrediction = predict(immediateRequest);
  const modal = predict(modalRequest);

  // Immediate mode where the browser has it (A8: gate on getClientCapabilities().immediateGet), then the site's own
  // sign-in choices when it rejects; conditional UI elsewhere; the modal request only when the user asks for it.
  const steps: PlanStep[] = [];
  if (facts.has.immediateGet) {
    steps.push({ step: 'immediate', request: immediateRequest, prediction: immediatePrediction });
    if (immediatePrediction.outcome.settles === 'rejects') steps.push({ step: 'own-page' });
  } else if (facts.has.conditionalGet) {
    const conditional: Request = { mediation: 'conditional', ...uv };
    steps.push({ step: 'conditional', request: conditional, prediction: predict(conditional) });
  }
  steps.push({ step: 'modal', request: modalRequest, prediction: modal });

  return {
    marketplace: { request: input.marketplace, prediction: predict(input.marketplace) },
    immediate: { request: immediateRequest, prediction: immediatePrediction },
    bestPractice: { steps, advice: advice(modal.screen.kind, locations, input.client.capabilities?.hybridTransport) },
  };
}
