import {
  base64URLStringToBuffer,
  bufferToBase64URLString,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

/**
 * get() in immediate UI mode, as Chrome 148+ ships it: `uiMode: 'immediate'` next to an ordinary mediation (the
 * origin-trial `mediation: 'immediate'` is a TypeError there). @simplewebauthn/browser 14 has no way to pass uiMode,
 * so the call is made here with its JSON helpers. It resolves when a passkey or password for this site is
 * immediately known to the browser, and otherwise rejects with NotAllowedError without drawing anything.
 * Only call it where getClientCapabilities() reported immediateGet: elsewhere uiMode is ignored and the call becomes
 * a normal modal get() (on the story's PC, the USB prompt again).
 */
export async function immediateGet(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
): Promise<AuthenticationResponseJSON> {
  const publicKey: PublicKeyCredentialRequestOptions = {
    challenge: base64URLStringToBuffer(optionsJSON.challenge),
    ...(optionsJSON.rpId ? { rpId: optionsJSON.rpId } : {}),
    ...(optionsJSON.timeout ? { timeout: optionsJSON.timeout } : {}),
    ...(optionsJSON.userVerification ? { userVerification: optionsJSON.userVerification } : {}),
    // Immediate mode refuses any allow list.
    allowCredentials: [],
  };
  // The shared abort service also ends a pending autofill (conditional) request, which would otherwise block this one.
  const request = {
    publicKey,
    mediation: 'optional',
    uiMode: 'immediate',
    signal: WebAuthnAbortService.createNewAbortSignal(),
  } as CredentialRequestOptions;
  const credential = (await navigator.credentials.get(request)) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('No credential was returned.', 'NotAllowedError');
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: bufferToBase64URLString(credential.rawId),
    response: {
      authenticatorData: bufferToBase64URLString(response.authenticatorData),
      clientDataJSON: bufferToBase64URLString(response.clientDataJSON),
      signature: bufferToBase64URLString(response.signature),
      ...(response.userHandle ? { userHandle: bufferToBase64URLString(response.userHandle) } : {}),
    },
    type: 'public-key',
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(credential.authenticatorAttachment
      ? { authenticatorAttachment: credential.authenticatorAttachment as AuthenticatorAttachment }
      : {}),
  };
}
