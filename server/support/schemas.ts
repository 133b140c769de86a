import { Type, type Static } from 'typebox';
import { StrangerAttempts } from '../account/schemas.js';
import { ClientFactsSchema, PredictionSchema, ScreenSchema } from '../dialogs/types.js';
import { MAX_CREDENTIAL_ID_CHARS, PlainName } from '../http-schemas.js';
import { AuthenticationVerifyBody, RegistrationVerifyBody, Username } from '../webauthn/schemas.js';
import { CheckFacts } from './check-facts.js';

// The support console's requests and replies (staff sign-in, the console, the customer self-check and the customer's
// answer to a support ask): the routes validate and serialize with them, /api/docs publishes them, and the pages import
// their types (client/src/pages/support.ts, check.ts, components/support/*, components/support-ask.ts). A reply member
// missing here is dropped from the reply, so each object lists every member its handler sends.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Lang = Type.Enum(['ja', 'en']);

// --- Requests ---

export const AccountParams = Type.Object({ username: Username }, { additionalProperties: false });
export const AccountQuery = Type.Object(
  { customerLang: Type.Optional(Lang), via: Type.Optional(Type.Literal('bundle')) },
  { additionalProperties: false },
);
/**
 * A self-check code as read out on the phone: 12 characters, with any dashes or spaces staff typed between the groups
 * (server/support/check-codes.ts reads it the Crockford way).
 */
export const CheckCodeParams = Type.Object(
  { code: Type.String({ minLength: 12, maxLength: 24, pattern: '^[0-9A-Za-z -]+$' }) },
  { additionalProperties: false },
);
export const FixBody = Type.Object(
  // 'store-transports:' + a credential ID at most.
  { fixId: Type.String({ minLength: 1, maxLength: 32 + MAX_CREDENTIAL_ID_CHARS }) },
  { additionalProperties: false },
);
export const EnrollOptionsBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }), name: PlainName(64) },
  { additionalProperties: false },
);
// The customer ceremonies' bodies (their client facts and label are not used for staff passkeys).
export const EnrollVerifyBody = RegistrationVerifyBody;
export const LoginVerifyBody = AuthenticationVerifyBody;
export const CheckPredictBody = Type.Object(
  { facts: CheckFacts, username: Type.Optional(Username) },
  { additionalProperties: false },
);
export const CheckSendBody = Type.Object(
  { facts: CheckFacts, username: Type.Optional(Username), consent: Type.Literal(true) },
  { additionalProperties: false },
);

// --- Staff sign-in and the console ---

const StaffName = Type.Object({ name: Type.String() });
export const StaffEnrolledReply = Type.Object({ enrolled: Type.Literal(true), staff: StaffName });
export const StaffSignedInReply = Type.Object({ signedIn: Type.Literal(true), staff: StaffName });
export const StaffMeReply = Type.Object({ name: Type.String(), since: Type.Number() });
export type StaffMeReply = Static<typeof StaffMeReply>;

/** A one-time enrollment link (server/support/invites.ts). */
export const InviteReply = Type.Object({ link: Type.String(), expiresAt: Type.Number() });
export type InviteReply = Static<typeof InviteReply>;

/** One line of the support audit log (db/staff.ts); what each action recorded is free-form JSON. */
export const AuditEntry = Type.Object({
  id: Type.Number(),
  staffId: Type.Number(),
  staffName: Type.String(),
  action: Type.String(),
  subject: Nullable(Type.String()),
  detail: Type.Unknown(),
  createdAt: Type.Number(),
});
export const AuditReply = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditReply = Static<typeof AuditReply>;

/** Where a passkey most likely lives, in words staff can repeat (the page translates the key). */
export const Home = Type.Enum([
  'phone-google',
  'apple-devices',
  'windows-pc',
  'security-key',
  'password-manager',
  'lab-virtual',
  'unknown',
]);
export type Home = Static<typeof Home>;

/** One of the customer's passkeys in plain facts (server/support/lookup.ts); never key material. */
const StaffPasskey = Type.Object({
  id: Type.String(),
  label: Nullable(Type.String()),
  provider: Nullable(Type.String()),
  providerKind: Type.String(),
  synced: Type.Boolean(),
  home: Home,
  transports: Nullable(Type.Array(Type.String())),
  attachment: Nullable(Type.Enum(['platform', 'cross-platform'])),
  registeredWith: Nullable(Type.String()),
  createdAt: Type.Number(),
  lastUsed: Nullable(Type.Object({ at: Type.Number(), device: Nullable(Type.String()), viaPhone: Type.Boolean() })),
  health: Type.Array(Type.String()),
});

/** What staff see for one account (server/support/lookup.ts accountView). */
export const AccountView = Type.Object({
  account: Type.Object({ username: Type.String(), displayName: Type.String(), createdAt: Type.Number() }),
  passkeys: Type.Array(StaffPasskey),
  /** When support asked the customer to add a passkey on their PC, while the ask waits for an answer. */
  asks: Type.Object({ addPasskeyHere: Nullable(Type.Number()) }),
  linkedLogins: Type.Array(
    Type.Object({
      provider: Type.String(),
      displayName: Nullable(Type.String()),
      linkedAt: Type.Number(),
      needsReconfirm: Type.Boolean(),
    }),
  ),
  timeline: Type.Object({
    own: Type.Array(
      Type.Object({
        at: Type.Number(),
        kind: Type.String(),
        outcome: Type.String(),
        errorCode: Nullable(Type.String()),
        device: Nullable(Type.String()),
        predicted: Nullable(Type.String()),
      }),
    ),
    others: Type.Array(StrangerAttempts),
  }),
});
export type AccountView = Static<typeof AccountView>;

/** A row or column of the device matrix (server/support/matrix.ts). */
export const Device = Type.Object({
  id: Type.String(),
  /** Row and column the console groups cells by. */
  group: Type.Enum(['windows', 'other']),
  client: ClientFactsSchema,
  /** Whether Windows Hello (PIN, face or fingerprint) is set up; absent off Windows. */
  hello: Type.Optional(Type.Boolean()),
});
export type Device = Static<typeof Device>;

/** One device's predicted sheet, in the staff's language and in the customer's. */
export const Cell = Type.Object({ device: Device, staff: PredictionSchema, customer: PredictionSchema });
export type Cell = Static<typeof Cell>;

export const SupportAccountReply = Type.Object({ ...AccountView.properties, matrix: Type.Array(Cell) });
export type SupportAccountReply = Static<typeof SupportAccountReply>;

/** A sheet as a fix's effect names it: its kind and the choices it lists (server/support/fixes.ts). */
export const Sheet = Type.Object({ kind: Type.String(), options: Type.Array(Type.String()) });
export type Sheet = Static<typeof Sheet>;
export const Effect = Type.Object({ device: Type.String(), before: Sheet, after: Sheet });
export const Fix = Type.Union([
  Type.Object({
    id: Type.String(),
    kind: Type.Literal('store-transports'),
    credentialId: Type.String(),
    label: Nullable(Type.String()),
    transports: Type.Array(Type.String()),
    effect: Type.Array(Effect),
  }),
  Type.Object({
    id: Type.Literal('add-passkey-here'),
    kind: Type.Literal('add-passkey-here'),
    label: Type.Null(),
    effect: Type.Array(Effect),
  }),
]);
export type Fix = Static<typeof Fix>;
export const FixesReply = Type.Object({ fixes: Type.Array(Fix) });
export type FixesReply = Static<typeof FixesReply>;
export const FixAppliedReply = Type.Object({ applied: Type.String() });

/** A customer's self-check by its code (server/support/check-codes.ts findCheckCode). */
export const CheckCodeReply = Type.Object({
  /** What the sender typed: anyone can type any name. */
  typedUsername: Nullable(Type.String()),
  /** The account the sending browser was signed in to: the only link from a code to an account. */
  signedInAs: Nullable(Type.String()),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
  facts: CheckFacts,
  device: ClientFactsSchema,
  /** The matrix cell this PC is, when it is one of the listed devices. */
  matrixDevice: Nullable(Type.String()),
});
export type CheckCodeReply = Static<typeof CheckCodeReply>;

// --- The customer self-check (/check) ---

export const CheckPredictReply = Type.Object({
  device: ClientFactsSchema,
  matrixDevice: Nullable(Type.String()),
  screen: ScreenSchema,
  then: Type.Array(ScreenSchema),
});
export type CheckPredictReply = Static<typeof CheckPredictReply>;
export const CheckCodeSentReply = Type.Object({ code: Type.String(), expiresAt: Type.Number() });
export type CheckCodeSentReply = Static<typeof CheckCodeSentReply>;

// --- The customer's answer to a support ask (the account page) ---

export const SupportAsksReply = Type.Object({ addPasskeyHere: Type.Boolean() });
export type SupportAsksReply = Static<typeof SupportAsksReply>;
export const AskDeclinedReply = Type.Object({ declined: Type.Boolean() });
