import { Type, type Static } from 'typebox';

/** GET /api/session: who is signed in, how, and at which assurance (every page's header imports the type). */
export const SessionReply = Type.Object({
  user: Type.Union([Type.Object({ username: Type.String() }), Type.Null()]),
  method: Type.Union([Type.String(), Type.Null()]),
  assurance: Type.Union([Type.String(), Type.Null()]),
  signedInAt: Type.Union([Type.Number(), Type.Null()]),
});
export type SessionReply = Static<typeof SessionReply>;

export const SignedOutReply = Type.Object({ signedOut: Type.Literal(true) });
export const SignedOutEverywhereReply = Type.Object({ signedOut: Type.Literal(true), revokedSessions: Type.Number() });
