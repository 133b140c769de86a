/** A refusal from the lab's API: { error: { code, message } }. */
export class LabApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiReply<T> {
  body: T;
  headers: Headers;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<ApiReply<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = parsed?.error ?? {};
    throw new LabApiError(
      response.status,
      error.code ?? 'http_' + response.status,
      error.message ?? response.statusText,
      error.detail,
    );
  }
  return { body: parsed as T, headers: response.headers };
}

// No default type: a caller that reads the reply names its type (a server schema's), one that does not gets unknown.
export const post = <T = unknown>(url: string, body: unknown = {}) => api<T>('POST', url, body);
export const get = <T = unknown>(url: string) => api<T>('GET', url);
