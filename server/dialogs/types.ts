import { Type, type Static } from 'typebox';

// The predictor's contract: the same shape is accepted at POST /api/dialogs/predict.

export const SCREEN_KINDS = [
  'windows-security-key',
  'windows-hello',
  'windows-passkey-chooser',
  'chrome-mechanism-list',
  'chrome-qr',
  'chrome-security-key',
  'chrome-no-passkeys',
  'chrome-passkey-list',
  'chrome-phone-confirmation',
  'chrome-turn-on-bluetooth',
  'chrome-turn-on-windows-hello',
  'apple-passkey-sheet',
  'apple-security-key',
  'firefox-security-key',
  'mobile-passkey-sheet',
  'autofill',
  'none-rejected',
  // 2025-2026 (docs/research/dialogs-2026.md §I, §J)
  'chrome-device-not-usable',
  'no-ui',
  'firefox-passkey-autofill',
] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];
export type Owner = 'windows' | 'chrome' | 'safari' | 'firefox' | 'macos' | 'android' | 'ios' | 'none';
export type Confidence = 'source' | 'reported' | 'inferred';

const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
const Transports = Type.Array(Type.String({ maxLength: 16 }), { maxItems: 8 });
const UV = literals(['required', 'preferred', 'discouraged']);

export const PredictionRequest = Type.Object(
  {
    allowCredentials: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String({ maxLength: 1024 }),
          transports: Type.Optional(Transports),
          type: Type.Optional(Type.String({ maxLength: 16 })),
        }),
        { maxItems: 64 },
      ),
    ),
    userVerification: Type.Optional(UV),
    hints: Type.Optional(Type.Array(literals(['security-key', 'client-device', 'hybrid']), { maxItems: 3 })),
    /** 'modal' is the lab's alias for "no mediation member"; 'immediate' is the 2025 origin-trial syntax. */
    mediation: Type.Optional(literals(['modal', 'silent', 'optional', 'conditional', 'required', 'immediate'])),
    /** The shipped immediate UI mode (Chrome 148+); other browsers ignore the member. */
    uiMode: Type.Optional(literals(['immediate'])),
    authenticatorAttachment: Type.Optional(literals(['platform', 'cross-platform'])),
    residentKey: Type.Optional(UV),
  },
  { additionalProperties: false },
);

export const CredentialFactsSchema = Type.Object(
  {
    id: Type.String({ maxLength: 1024 }),
    transports: Type.Optional(Transports),
    backupEligible: Type.Optional(Type.Boolean()),
    backedUp: Type.Optional(Type.Boolean()),
    aaguid: Type.Optional(Type.String({ maxLength: 36 })),
    provider: Type.Optional(Type.String({ maxLength: 64 })),
    location: Type.Optional(literals(['phone', 'this-device', 'security-key', 'other-computer'])),
    /** The relying party told the browser (Signal API) that this credential is gone or not accepted. */
    signalled: Type.Optional(literals(['unknown', 'not-accepted'])),
  },
  { additionalProperties: false },
);

export const ClientFactsSchema = Type.Object(
  {
    os: literals(['windows', 'macos', 'linux', 'chromeos', 'android', 'ios']),
    osVersion: Type.Optional(Type.String({ maxLength: 32 })),
    browser: literals(['chrome', 'edge', 'firefox', 'safari', 'embedded']),
    browserVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    bluetooth: Type.Optional(literals(['absent', 'off', 'on'])),
    platformAuthenticator: Type.Optional(Type.Boolean()),
    syncedProviders: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 8 })),
    syncedPhones: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
    /** Windows only: is Windows Hello set up (UVPAA)? Wins over platformAuthenticator on Windows. */
    windowsHello: Type.Optional(literals(['set-up', 'not-set-up'])),
    /** This PC is enrolled in Google Password Manager's passkey enclave (its GPM passkeys are "immediately known"). */
    gpmEnrolled: Type.Optional(Type.Boolean()),
    incognito: Type.Optional(Type.Boolean()),
    /** The call runs inside a user gesture (default true). */
    userActivation: Type.Optional(Type.Boolean()),
    /**
     * Immediate calls made by this site (its registrable domain) in the 5 s before this one (default 0); localhost is
     * exempt (Chromium's immediate_request_rate_limiter.cc).
     */
    recentImmediateCalls: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    /** The same, in the 60 s before this one (default: recentImmediateCalls); the limiter allows 10 a minute. */
    immediateCallsLastMinute: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    /** Third-party passkey providers enabled as Windows 11 25H2 plugins, e.g. '1Password', 'Bitwarden'. */
    pluginProviders: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 8 })),
    /** PublicKeyCredential.getClientCapabilities() as the page reported it. */
    capabilities: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Boolean(), { maxProperties: 64 })),
  },
  { additionalProperties: false },
);

export const PredictionInput = Type.Object(
  {
    ceremony: literals(['get', 'create']),
    request: Type.Optional(PredictionRequest),
    credentials: Type.Optional(Type.Array(CredentialFactsSchema, { maxItems: 64 })),
    client: ClientFactsSchema,
    locale: Type.Optional(literals(['ja', 'en'])),
    /** The relying party's host name, used in the sheets' text; defaults to the lab's RP ID. */
    site: Type.Optional(Type.String({ maxLength: 253 })),
  },
  { additionalProperties: false },
);
export type PredictionInput = Static<typeof PredictionInput>;
export type CredentialFacts = NonNullable<PredictionInput['credentials']>[number];
export type ClientFacts = PredictionInput['client'];

// The predictor's answer, as schemas: POST /api/dialogs/predict and /compare serialize with them, and the pages
// import the types (client/src/components/dialog-mockup.ts, pages/lab.ts).

const ScreenKindSchema = literals([...SCREEN_KINDS]);
const OwnerSchema = literals(['windows', 'chrome', 'safari', 'firefox', 'macos', 'android', 'ios', 'none']);

export const ScreenSchema = Type.Object({
  kind: ScreenKindSchema,
  owner: OwnerSchema,
  title: Type.String(),
  body: Type.String(),
  buttons: Type.Array(Type.String()),
  options: Type.Array(Type.String()),
  /** True when the text is the lab's paraphrase, not the exact string the real UI shows. */
  paraphrase: Type.Boolean(),
  /** For follow-up screens: what leads here (the likely click, or Cancel). */
  after: Type.Optional(Type.String()),
});
export type Screen = Static<typeof ScreenSchema>;

const ErrorNameSchema = literals([
  'NotAllowedError',
  'NotSupportedError',
  'TypeError',
  'InvalidStateError',
  'SecurityError',
]);
export type ErrorName = Static<typeof ErrorNameSchema>;

/** How the promise settles: resolves, rejects (with which error), waits for the user, or stays pending (autofill). */
const OutcomeSchema = Type.Object({
  settles: literals(['resolves', 'rejects', 'pending-until-user-acts', 'pending']),
  error: Type.Optional(ErrorNameSchema),
});
export type Outcome = Static<typeof OutcomeSchema>;

export const PredictionSchema = Type.Object({
  screen: ScreenSchema,
  outcome: OutcomeSchema,
  then: Type.Array(ScreenSchema),
  reasons: Type.Array(Type.String()),
  remedies: Type.Object({ user: Type.Array(Type.String()), relyingParty: Type.Array(Type.String()) }),
  assumptions: Type.Array(Type.String()),
  sources: Type.Array(Type.String()),
  confidence: literals(['source', 'reported', 'inferred']),
  /** The rule that decided, for tests and for people reading the rules table. */
  rule: Type.String(),
  /** The browser behaviour era the prediction assumed (see docs/predictor.md). */
  era: Type.String(),
});
export type Prediction = Static<typeof PredictionSchema>;
