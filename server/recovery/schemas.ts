import { Type, type Static } from 'typebox';

// The recovery routes' replies; the lost-phone page imports the types.

/** 202 whether or not the account exists: the answer never tells. */
export const CodeSentReply = Type.Object({ sent: Type.Literal('if-the-account-exists') });
export const ProofedReply = Type.Object({
  revokedSessions: Type.Number(),
  identitiesToReconfirm: Type.Number(),
  mayRegisterPasskey: Type.Literal(true),
});
export type ProofedReply = Static<typeof ProofedReply>;
export const ConfirmedReply = Type.Object({ confirmed: Type.Literal(true) });
