import { Type, type TSchema } from 'typebox';

/** Every refusal: { error: { code, message, detail? } }. */
export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    detail: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** For actions that take no input: anything sent is refused rather than silently ignored. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

/**
 * Any JSON value, but no deeper than `depth` levels and no wider than a few dozen entries per level. For the parts of
 * a body that are free-form by nature (extension outputs, fields a browser may add): unbounded nesting would reach
 * the logging's JSON.stringify and overflow the stack (a 6,000-deep array), so it is refused by the schema instead.
 * Each level is written out (no $ref), so keep `depth` small.
 */
export function BoundedJson(depth: number): TSchema {
  const scalars = [Type.String({ maxLength: 2048 }), Type.Number(), Type.Boolean(), Type.Null()];
  if (depth <= 0) return Type.Union(scalars);
  const inner = BoundedJson(depth - 1);
  return Type.Union([
    ...scalars,
    Type.Array(inner, { maxItems: 32 }),
    Type.Record(Type.String({ maxLength: 128 }), inner, { maxProperties: 32 }),
  ]);
}

/**
 * GET /api/health: 'ok', or 'degraded' while the lab serves but part of it stopped (server/health.ts), each problem
 * named by a code.
 */
export const HealthReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  problems: Type.Optional(
    Type.Array(Type.Object({ code: Type.Literal('wal_checkpoints_failed'), cause: Type.String({ maxLength: 64 }) })),
  ),
});

/** WebAuthn §7.1 (Level 3): a credential ID longer than this is refused at registration. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
/** The longest credential ID as base64url without padding: what a URL path parameter may have to hold. */
export const MAX_CREDENTIAL_ID_CHARS = Math.ceil((MAX_CREDENTIAL_ID_BYTES * 4) / 3);

/**
 * A name or label a person gives (display name, passkey label, staff name): one rule everywhere. No control characters
 * (NUL, ESC, line breaks); the handler stores it trimmed and refuses one of white space only (filledName).
 */
export const PlainName = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
