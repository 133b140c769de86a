import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import { ApiError, errorBody } from '../errors.js';
import { notFoundPage } from './not-found-page.js';

const wantsJson = (url: string) => url.startsWith('/api/') || url.startsWith('/auth/');

/**
 * One error path for the whole API: routes throw (ApiError for refusals) and this handler replies, with
 * { error: { code, message } } and never a 5xx for bad input. A page (not /api/, not /auth/) that needs a sign-in
 * sends a stranger to /login instead. The one exception is the /support page: its own handler
 * (server/support/routes.ts) answers a refusal with a short text/plain page.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    // A browser form post (the link confirmation) shows pages, not JSON: a refusal goes back with its code in the URL,
    // which the account or login page puts in words (only codes its catalogue has; others get a general sentence).
    if (isFormPost(request)) {
      const unexpected =
        !(error instanceof ApiError) && !(typeof error.statusCode === 'number' && error.statusCode < 500);
      if (unexpected) request.log.error({ err: error }, 'unexpected error');
      const code = error instanceof ApiError ? error.code : unexpected ? 'internal_error' : formRefusalCode(error);
      return reply.redirect(`${code === 'sign_in_required' ? '/login' : '/account'}?error=${code}`, 303);
    }
    if (error instanceof ApiError) {
      const pageRequest = (request.method === 'GET' || request.method === 'HEAD') && !wantsJson(request.url);
      if (error.code === 'sign_in_required' && pageRequest) return reply.redirect('/login', 303);
      if (error.statusCode === 429 && error.detail?.retryAfterSeconds)
        reply.header('Retry-After', String(error.detail.retryAfterSeconds));
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.detail));
    }
    if (error.validation) {
      return reply.code(400).send(errorBody('invalid_request', `Invalid request: ${error.message}`));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? `${error.message}. Send JSON: Content-Type: application/json; charset=utf-8.`
          : error.message;
      return reply.code(status).send(errorBody(codeFor(error), message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody('internal_error', 'Something went wrong on the server. It has been logged.'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const message = `No route for ${request.method} ${path}.`;
    if (
      wantsJson(request.url) ||
      path.startsWith('/assets/') ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    )
      return reply.code(404).send(errorBody('not_found', message));
    // A page address with a trailing slash (/login/) is the page itself; only a route that exists is redirected to.
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== path && trimmed.startsWith('/') && app.hasRoute({ method: 'GET', url: trimmed }))
      return reply.redirect(trimmed + request.url.slice(path.length), 301);
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(notFoundPage(request.lang ?? 'en', path));
  });
});

/**
 * Headers for a refusal raised before routing. No onRequest hook has run, so plugins/security-headers.ts has not set
 * its headers: these are the strictest of them, enough for a JSON error that may quote the refused URL.
 */
const BEFORE_ROUTING_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** Fastify's `frameworkErrors` option: errors raised before routing (over-long URL parameters, malformed URLs). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .headers(BEFORE_ROUTING_HEADERS)
    .send(errorBody(codeFor(error), error.message));
}

function codeFor(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'invalid_json';
    default:
      return (error.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
  }
}

const isFormPost = (request: FastifyRequest) =>
  request.method === 'POST' &&
  !wantsJson(request.url) &&
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/** A form refused before its handler: a stale or missing CSRF token means the page was open too long (or signed in again). */
function formRefusalCode(error: FastifyError): string {
  if (error.code?.startsWith('FST_CSRF')) return 'form_expired';
  if (error.statusCode === 429) return 'rate_limited';
  return 'form_refused';
}

/** How long one request may take to arrive, head and body (Fastify's default, 0, lets a half-sent body hang forever). */
export const REQUEST_TIMEOUT_MS = 30_000;

const CLIENT_ERRORS: Record<number, [code: string, message: string]> = {
  400: ['malformed_request', 'The request could not be read as HTTP.'],
  408: ['request_timeout', 'The request took too long to arrive.'],
  431: [
    'headers_too_large',
    "The request's headers are too large (a cookie may be too big: clear this site's cookies).",
  ],
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (an oversized header, a control character, a
 * malformed chunked body, the request timeout) gets the same error shape as every other refusal.
 */
export function clientErrors(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const [code, message] = CLIENT_ERRORS[status]!;
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
