import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AuthenticationVerifyBody, RegistrationVerifyBody } from './schemas.js';

// The browser's answers as the request schemas validated them, typed as the library takes them: a browser may send
// null where the library expects the member to be absent. The customer and the staff ceremonies both use these.

export const registrationResponseJson = (answer: RegistrationVerifyBody['response']): RegistrationResponseJSON => ({
  ...answer,
  authenticatorAttachment: answer.authenticatorAttachment ?? undefined,
});

export const authenticationResponseJson = (
  answer: AuthenticationVerifyBody['response'],
): AuthenticationResponseJSON => ({
  ...answer,
  authenticatorAttachment: answer.authenticatorAttachment ?? undefined,
  response: { ...answer.response, userHandle: answer.response.userHandle ?? undefined },
});
