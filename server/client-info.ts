import { Type, type Static } from 'typebox';

// Shared by the ceremonies (webauthn/) and the predictor (dialogs/), so neither imports the other for it.

/** What the page learned about its browser; every field optional because browsers differ. */
export const ClientInfo = Type.Object(
  {
    userAgent: Type.Optional(Type.String({ maxLength: 1024 })),
    platform: Type.Optional(Type.String({ maxLength: 64 })),
    platformVersion: Type.Optional(Type.String({ maxLength: 64 })),
    mobile: Type.Optional(Type.Boolean()),
    brands: Type.Optional(
      Type.Array(Type.Object({ brand: Type.String({ maxLength: 128 }), version: Type.String({ maxLength: 64 }) }), {
        maxItems: 16,
      }),
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
