import { Type, type Static } from 'typebox';

// The account routes' replies: the route validates and serializes with them, /api/docs publishes them, and the
// account and history pages import their types (client/src/pages/account.ts, history.ts). A reply member missing
// here is dropped from the reply, so each object lists every member its handler sends.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A stored passkey as the account page shows it (server/account/health.ts presentCredential). */
export const PresentedCredential = Type.Object({
  id: Type.String(),
  label: Nullable(Type.String()),
  transports: Nullable(Type.Array(Type.String())),
  deviceType: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')]),
  synced: Type.Boolean(),
  backedUp: Type.Boolean(),
  aaguid: Type.String(),
  provider: Nullable(Type.String()),
  providerKind: Type.String(),
  attachment: Nullable(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')])),
  attestationFormat: Type.String(),
  credPropsRk: Nullable(Type.Boolean()),
  counter: Type.Number(),
  flaggedClone: Type.Boolean(),
  createdAt: Type.Number(),
  lastUsedAt: Nullable(Type.Number()),
  registeredClient: Type.Unknown(),
  health: Type.Array(Type.String()),
});
export type PresentedCredential = Static<typeof PresentedCredential>;

export const LinkedIdentity = Type.Object({
  provider: Type.String(),
  issuer: Type.String(),
  subject: Type.String(),
  displayName: Nullable(Type.String()),
  linkedAt: Type.Number(),
  needsReconfirm: Type.Boolean(),
});
export type LinkedIdentity = Static<typeof LinkedIdentity>;

/** What the page passes to PublicKeyCredential.signal* (server/account/signals.ts signalPayloads). */
export const UnknownCredentialSignal = Type.Object({ rpId: Type.String(), credentialId: Type.String() });
export type UnknownCredentialSignal = Static<typeof UnknownCredentialSignal>;
export const AllAcceptedCredentialsSignal = Type.Object({
  rpId: Type.String(),
  userId: Type.String(),
  allAcceptedCredentialIds: Type.Array(Type.String()),
});
export type AllAcceptedCredentialsSignal = Static<typeof AllAcceptedCredentialsSignal>;
export const CurrentUserDetailsSignal = Type.Object({
  rpId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
});
export type CurrentUserDetailsSignal = Static<typeof CurrentUserDetailsSignal>;
export const SignalPayloads = Type.Object({
  allAcceptedCredentials: AllAcceptedCredentialsSignal,
  currentUserDetails: CurrentUserDetailsSignal,
});

export const AccountReply = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  createdAt: Type.Number(),
  credentials: Type.Array(PresentedCredential),
  identities: Type.Array(LinkedIdentity),
  session: Type.Object({
    method: Nullable(Type.String()),
    assurance: Nullable(Type.String()),
    recovered: Type.Boolean(),
  }),
  signals: SignalPayloads,
});
export type AccountReply = Static<typeof AccountReply>;

export const RenameReply = Type.Object({ renamed: Type.Literal(true) });
export const DeleteReply = Type.Object({
  deleted: Type.Literal(true),
  signal: UnknownCredentialSignal,
  /** The account's other sessions signed in with this passkey, ended with it. */
  revokedSessions: Type.Number(),
});
export type DeleteReply = Static<typeof DeleteReply>;

/** One entry of the account's history (db/ceremonies.ts); what each ceremony stored is free-form JSON. */
export const CeremonyEntry = Type.Object({
  id: Type.Number(),
  accountId: Nullable(Type.Number()),
  username: Nullable(Type.String()),
  kind: Type.String(),
  outcome: Type.String(),
  errorCode: Type.Optional(Nullable(Type.String())),
  options: Type.Optional(Type.Unknown()),
  response: Type.Optional(Type.Unknown()),
  client: Type.Optional(Type.Unknown()),
  prediction: Type.Optional(Type.Unknown()),
  detail: Type.Optional(Type.Unknown()),
  createdAt: Type.Number(),
});
export type CeremonyEntry = Static<typeof CeremonyEntry>;

/** Attempts by browsers not signed in to the account: counts only (server/account/stranger-attempts.ts). */
export const StrangerAttempts = Type.Object({
  day: Type.String(),
  outcome: Type.String(),
  attempts: Type.Number(),
  sources: Type.Number(),
});
export type StrangerAttempts = Static<typeof StrangerAttempts>;

export const CeremoniesReply = Type.Object({
  ceremonies: Type.Array(CeremonyEntry),
  strangerAttempts: Type.Array(StrangerAttempts),
});
export type CeremoniesReply = Static<typeof CeremoniesReply>;

/** The redacted bundle (server/account/redact.ts): the credentials without the registering client, the history. */
export const SupportBundle = Type.Object({
  generatedAt: Type.String(),
  rpId: Type.String(),
  account: Type.Object({ username: Type.String(), createdAt: Type.Number() }),
  credentials: Type.Array(Type.Omit(PresentedCredential, ['registeredClient'])),
  ceremonies: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  strangerAttempts: Type.Array(StrangerAttempts),
});

export const SignalEntry = Type.Object({
  kind: Type.String(),
  result: Type.String(),
  sent: Type.Unknown(),
  error: Nullable(Type.String()),
  at: Type.Number(),
});
export type SignalEntry = Static<typeof SignalEntry>;
export const SignalsReply = Type.Object({ payloads: SignalPayloads, history: Type.Array(SignalEntry) });
export type SignalsReply = Static<typeof SignalsReply>;
export const SignalRecordedReply = Type.Object({ recorded: Type.Literal(true) });
export const DisplayNameReply = Type.Object({ displayName: Type.String(), signal: CurrentUserDetailsSignal });
export type DisplayNameReply = Static<typeof DisplayNameReply>;
