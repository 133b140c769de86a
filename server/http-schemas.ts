import { Type } from 'typebox';

/** Every refusal: { error: { code, message, detail? } }. */
export const ErrorReply = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), detail: Type.Optional(Type.Object({}, { additionalProperties: true })) }),
});

/** For actions that take no input: anything sent is refused rather than silently ignored. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
