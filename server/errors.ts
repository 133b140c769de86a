/**
 * Every refusal the API gives: a 4xx status, a stable machine code and a sentence a developer can act on. The one 5xx
 * built here is 503 not_saved (plugins/durable-replies.ts): the database did not keep the request's writes.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, detail?: Record<string, unknown>) =>
  new ApiError(400, code, message, detail);

/** The one error body (http-schemas.ts ErrorReply): built only here, sent only by plugins/errors.ts. */
export const errorBody = (code: string, message: string, detail?: Record<string, unknown>) => ({
  error: { code, message, ...(detail ? { detail } : {}) },
});

/** A name or label (PlainName) as stored: trimmed; one of white space only is refused with `code`. */
export function filledName(value: string, code: string, message: string): string {
  const name = value.trim();
  if (!name) throw badRequest(code, message);
  return name;
}
