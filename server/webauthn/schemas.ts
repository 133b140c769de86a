import { Type, type Static } from 'typebox';
import { BoundedJson } from '../http-schemas.js';

// JSON schemas double as validation and as the OpenAPI description at /api/docs.

const Transport = Type.Union(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'].map((t) => Type.Literal(t)));
export const Hint = Type.Union([Type.Literal('security-key'), Type.Literal('client-device'), Type.Literal('hybrid')]);
export const UserVerification = Type.Union([Type.Literal('required'), Type.Literal('preferred'), Type.Literal('discouraged')]);
const Base64Url = Type.String({ minLength: 1, maxLength: 8192, pattern: '^[A-Za-z0-9_-]+={0,2}$' });
export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/** What the page learned about its browser; every field optional because browsers differ. */
export const ClientInfo = Type.Object(
  {
    userAgent: Type.Optional(Type.String({ maxLength: 1024 })),
    platform: Type.Optional(Type.String({ maxLength: 64 })),
    platformVersion: Type.Optional(Type.String({ maxLength: 64 })),
    mobile: Type.Optional(Type.Boolean()),
    brands: Type.Optional(
      Type.Array(Type.Object({ brand: Type.String({ maxLength: 128 }), version: Type.String({ maxLength: 64 }) }), { maxItems: 16 }),
    ),
    capabilities: Type.Optional(Type.Record(Type.String({ maxLength: 128 }), Type.Boolean(), { maxProperties: 64 })),
    uvpaa: Type.Optional(Type.Boolean()),
    conditionalMediation: Type.Optional(Type.Boolean()),
    /** Facts the person states in the lab that a page cannot detect (Bluetooth adapter, OS version). */
    declared: Type.Optional(
      Type.Object(
        {
          bluetooth: Type.Optional(Type.Union([Type.Literal('absent'), Type.Literal('off'), Type.Literal('on')])),
          osVersion: Type.Optional(Type.String({ maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ClientInfo = Static<typeof ClientInfo>;

export const RegistrationOptionsBody = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(Type.String({ maxLength: 128 })),
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

const RegistrationResponse = Type.Object({
  id: Base64Url,
  rawId: Base64Url,
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    transports: Type.Optional(Type.Array(Transport, { maxItems: 8 })),
  }, Extra),
  authenticatorAttachment: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform'), Type.Null()])),
  clientExtensionResults: ExtensionResults,
}, Extra);

export const RegistrationVerifyBody = Type.Object(
  {
    response: RegistrationResponse,
    client: Type.Optional(ClientInfo),
    label: Type.Optional(Type.String({ maxLength: 64 })),
  },
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
    /** "best-practice" lets the relying party adapt the request to what the client reported (see README). */
    strategy: Type.Optional(Type.Union([Type.Literal('marketplace'), Type.Literal('best-practice')])),
    /** The page will call get() with uiMode 'immediate' (refused unless client.capabilities.immediateGet is true). */
    uiMode: Type.Optional(Type.Literal('immediate')),
    client: Type.Optional(ClientInfo),
  },
  { additionalProperties: false },
);
export type AuthenticationOptionsBody = Static<typeof AuthenticationOptionsBody>;

const AuthenticationResponse = Type.Object({
  id: Base64Url,
  rawId: Base64Url,
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Type.Optional(Type.Union([Base64Url, Type.Null()])),
  }, Extra),
  authenticatorAttachment: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform'), Type.Null()])),
  clientExtensionResults: ExtensionResults,
}, Extra);

export const AuthenticationVerifyBody = Type.Object(
  { response: AuthenticationResponse, client: Type.Optional(ClientInfo) },
  { additionalProperties: false },
);
export type AuthenticationVerifyBody = Static<typeof AuthenticationVerifyBody>;

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
