import { Type, type Static } from 'typebox';

/** GET /api/fallback/providers: the fallback logins this lab offers (the login and account pages import the type). */
export const FallbackProvidersReply = Type.Object({
  providers: Type.Array(Type.Object({ id: Type.String(), issuer: Type.String(), mock: Type.Boolean() })),
});
export type FallbackProvidersReply = Static<typeof FallbackProvidersReply>;
