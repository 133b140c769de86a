import { Type, type Static } from 'typebox';

// Bounds on what the mock identity providers' screens accept: every field a short string, so repeated or oversized values
// are a 400 before any handler reads them.

const csrf = Type.String({ maxLength: 256 });
const short = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const UidParams = Type.Object({ uid: Type.String({ maxLength: 128 }) });
export const RefusalQuery = Type.Object({ error: short(32), retry: short(10) });
export const PasswordBody = Type.Object({ _csrf: csrf, email: short(320), password: short(256) });
export const ChooseBody = Type.Object({ _csrf: csrf, sub: short(64) });
export const DecisionBody = Type.Object({ _csrf: csrf, decision: short(16), friend: short(8) });
export const PhoneQuery = Type.Object({
  lang: short(8),
  result: short(16),
  left: short(4),
  error: short(32),
  retry: short(10),
});
export const PhoneSignInBody = Type.Object({
  _csrf: csrf,
  email: short(320),
  password: short(256),
  sms: short(16),
  lang: short(8),
});
export const PhoneConfirmBody = Type.Object({ _csrf: csrf, login: short(64), code: short(8), lang: short(8) });
export const PhoneSignOutBody = Type.Object({ _csrf: csrf, lang: short(8) });

export type UidParams = Static<typeof UidParams>;
export type RefusalQuery = Static<typeof RefusalQuery>;
export type PasswordBody = Static<typeof PasswordBody>;
export type ChooseBody = Static<typeof ChooseBody>;
export type DecisionBody = Static<typeof DecisionBody>;
export type PhoneQuery = Static<typeof PhoneQuery>;
export type PhoneSignInBody = Static<typeof PhoneSignInBody>;
export type PhoneConfirmBody = Static<typeof PhoneConfirmBody>;
export type PhoneSignOutBody = Static<typeof PhoneSignOutBody>;
