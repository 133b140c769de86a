import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { Type, type Static } from 'typebox';
import { ClientInfo } from '../client-info.js';
import { PredictionSchema } from '../dialogs/types.js';
import { BoundedJson, PlainName } from '../http-schemas.js';

// JSON schemas double as validation and as the OpenAPI description at /api/docs.

const Transport = Type.Union(
  ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'].map((t) => Type.Literal(t)),
);
export const Hint = Type.Union([Type.Literal('security-key'), Type.Literal('client-device'), Type.Literal('hybrid')]);
export const UserVerification = Type.Union([
  Type.Literal('required'),
  Type.Literal('preferred'),
  Type.Literal('discouraged'),
]);
const Base64Url = Type.String({ minLength: 1, maxLength: 8192, pattern: '^[A-Za-z0-9_-]+={0,2}$' });
export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

export { ClientInfo };

export const RegistrationOptionsBody = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(PlainName(128)),
    authenticatorAttachment: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')])),
    residentKey: Type.Optional(UserVerification),
    userVerification: Type.Optional(UserVerification),
    attestation: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('indirect'), Type.Literal('direct'), Type.Literal('enterprise')]),
    ),
    hints: Type.Optional(Type.Array(Hint, { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type RegistrationOptionsBody = Static<typeof RegistrationOptionsBody>;

// The credential responses are the browser's JSON; extension outputs may carry anything, so only the fields the
// ceremony needs are constrained here and the library checks the rest. What is free-form (extension outputs, fields a
// browser adds) is still bounded in depth and width: these bodies are logged with JSON.stringify.
const ExtensionResults = Type.Record(Type.String({ maxLength: 128 }), BoundedJson(4), { maxProperties: 32 });
const Extra = { additionalProperties: BoundedJson(3), maxProperties: 32 };

const RegistrationResponse = Type.Object(
  {
    id: Base64Url,
    rawId: Base64Url,
    type: Type.Literal('public-key'),
    response: Type.Object(
      {
        clientDataJSON: Base64Url,
        attestationObject: Base64Url,
        transports: Type.Optional(Type.Array(Transport, { maxItems: 8 })),
      },
      Extra,
    ),
    authenticatorAttachment: Type.Optional(
      Type.Union([Type.Literal('platform'), Type.Literal('cross-platform'), Type.Null()]),
    ),
    clientExtensionResults: ExtensionResults,
  },
  Extra,
);

export const RegistrationVerifyBody = Type.Object(
  { response: RegistrationResponse, client: Type.Optional(ClientInfo), label: Type.Optional(PlainName(64)) },
  { additionalProperties: false },
);
export type RegistrationVerifyBody = Static<typeof RegistrationVerifyBody>;

export const TransportsMode = Type.Union([Type.Literal('stored'), Type.Literal('omit'), Type.Literal('add-hybrid')]);
export type TransportsMode = Static<typeof TransportsMode>;

export const AuthenticationOptionsBody = Type.Object(
  {
    username: Type.Optional(Username),
    userVerification: Type.Optional(UserVerification),
    hints: Type.Optional(Type.Array(Hint, { maxItems: 3, uniqueItems: true })),
    transportsMode: Type.Optional(TransportsMode),
    /** "best-practice" lets the relying party adapt the request to what the client reported (see docs/best-practice-login.md). */
    strategy: Type.Optional(Type.Union([Type.Literal('marketplace'), Type.Literal('best-practice')])),
    /** The page will call get() with uiMode 'immediate' (refused unless client.capabilities.immediateGet is true). */
    uiMode: Type.Optional(Type.Literal('immediate')),
    client: Type.Optional(ClientInfo),
  },
  { additionalProperties: false },
);
export type AuthenticationOptionsBody = Static<typeof AuthenticationOptionsBody>;

const AuthenticationResponse = Type.Object(
  {
    id: Base64Url,
    rawId: Base64Url,
    type: Type.Literal('public-key'),
    response: Type.Object(
      {
        clientDataJSON: Base64Url,
        authenticatorData: Base64Url,
        signature: Base64Url,
        userHandle: Type.Optional(Type.Union([Base64Url, Type.Null()])),
      },
      Extra,
    ),
    authenticatorAttachment: Type.Optional(
      Type.Union([Type.Literal('platform'), Type.Literal('cross-platform'), Type.Null()]),
    ),
    clientExtensionResults: ExtensionResults,
  },
  Extra,
);

export const AuthenticationVerifyBody = Type.Object(
  { response: AuthenticationResponse, client: Type.Optional(ClientInfo) },
  { additionalProperties: false },
);
export type AuthenticationVerifyBody = Static<typeof AuthenticationVerifyBody>;

export const AuthenticationFailureReply = Type.Object({
  outcome: Type.Union([Type.Literal('cancelled'), Type.Literal('timed-out'), Type.Literal('error')]),
  /** The predictor's explanation (server/dialogs/types.ts). */
  prediction: PredictionSchema,
});
export type AuthenticationFailureReply = Static<typeof AuthenticationFailureReply>;

export const AuthenticationFailureBody = Type.Object(
  {
    /** DOMException name from the browser, e.g. NotAllowedError. */
    name: Type.String({ maxLength: 64 }),
    message: Type.Optional(Type.String({ maxLength: 1024 })),
    /** The challenge of the options that failed, so the failure is tied to its request. */
    challenge: Type.Optional(Base64Url),
    elapsedMs: Type.Optional(Type.Number({ minimum: 0, maximum: 3_600_000 })),
    client: Type.Optional(ClientInfo),
    locale: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type AuthenticationFailureBody = Static<typeof AuthenticationFailureBody>;

export { ErrorReply } from '../http-schemas.js';

// The 200 replies. Options are open objects (additionalProperties): the library may add members, and a reply schema
// would otherwise drop them silently. Their static type is the library's own, so a page hands them to
// startRegistration / startAuthentication as they are.
const Open = { additionalProperties: true };
const CredentialDescriptor = Type.Object(
  { id: Type.String(), type: Type.String(), transports: Type.Optional(Type.Array(Type.String())) },
  Open,
);
const Hints = Type.Array(Type.String());

export const RegistrationOptionsReply = Type.Unsafe<PublicKeyCredentialCreationOptionsJSON>(
  Type.Object(
    {
      challenge: Type.String(),
      rp: Type.Object({ name: Type.String(), id: Type.Optional(Type.String()) }, Open),
      user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }, Open),
      pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Number(), type: Type.String() }, Open)),
      timeout: Type.Optional(Type.Number()),
      excludeCredentials: Type.Optional(Type.Array(CredentialDescriptor)),
      authenticatorSelection: Type.Optional(Type.Object({}, Open)),
      attestation: Type.Optional(Type.String()),
      extensions: Type.Optional(Type.Object({}, Open)),
      hints: Type.Optional(Hints),
    },
    Open,
  ),
);
export type RegistrationOptionsReply = Static<typeof RegistrationOptionsReply>;

export const RegistrationVerifyReply = Type.Object({
  verified: Type.Literal(true),
  credential: Type.Object({
    id: Type.String(),
    transports: Type.Union([Type.Array(Type.String()), Type.Null()]),
    deviceType: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')]),
    backedUp: Type.Boolean(),
    aaguid: Type.String(),
    /** The passkey provider's name from its AAGUID, when known. */
    provider: Type.Union([Type.String(), Type.Null()]),
    attachment: Type.Union([Type.Literal('platform'), Type.Literal('cross-platform'), Type.Null()]),
    attestationFormat: Type.String(),
    credPropsRk: Type.Union([Type.Boolean(), Type.Null()]),
  }),
});
export type RegistrationVerifyReply = Static<typeof RegistrationVerifyReply>;

export const AuthenticationOptionsReply = Type.Unsafe<PublicKeyCredentialRequestOptionsJSON>(
  Type.Object(
    {
      challenge: Type.String(),
      rpId: Type.Optional(Type.String()),
      allowCredentials: Type.Optional(Type.Array(CredentialDescriptor)),
      timeout: Type.Optional(Type.Number()),
      userVerification: Type.Optional(Type.String()),
      extensions: Type.Optional(Type.Object({}, Open)),
      hints: Type.Optional(Hints),
    },
    Open,
  ),
);
export type AuthenticationOptionsReply = Static<typeof AuthenticationOptionsReply>;

export const AuthenticationVerifyReply = Type.Object({
  verified: Type.Literal(true),
  user: Type.Object({ username: Type.String() }),
  /** hybrid: a phone passkey answered from another device. */
  method: Type.Union([Type.Literal('passkey'), Type.Literal('hybrid')]),
});
export type AuthenticationVerifyReply = Static<typeof AuthenticationVerifyReply>;
