import { startRegistration } from '@simplewebauthn/browser';
import type { ClientInfo } from '../../../server/client-info.js';
import type { RegistrationOptionsReply } from '../../../server/webauthn/schemas.js';
import { post } from './api.js';

/**
 * A passkey on this PC for the signed-in account: the automatic upgrade (conditional create: no dialog, succeeds only
 * where the password manager just helped the user sign in) or, when asked plainly, the PC's own authenticator
 * (Windows Hello, Touch ID), hinted as "this device". Registration keeps the server's rule (passkey assurance, or
 * right after identity proofing).
 */
export async function registerPasskeyHere(
  username: string,
  client: ClientInfo,
  label: string,
  mode: 'automatic' | 'asked',
) {
  const request =
    mode === 'automatic'
      ? { username, residentKey: 'required', userVerification: 'preferred', hints: ['client-device'] }
      : {
          username,
          authenticatorAttachment: 'platform',
          residentKey: 'required',
          userVerification: 'preferred',
          hints: ['client-device'],
        };
  const { body: options } = await post<RegistrationOptionsReply>('/api/registration/options', request);
  const response = await startRegistration({
    optionsJSON: options,
    ...(mode === 'automatic' ? { useAutoRegister: true } : {}),
  });
  await post('/api/registration/verify', { response, client, label });
}
