import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

const wantsJson = (url: string) => url.startsWith('/api/') || url.startsWith('/auth/');

/** One error shape for the whole API: { error: { code, message } }, and never a 5xx for bad input. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.statusCode === 429 && error.detail?.retryAfterSeconds) reply.header('Retry-After', String(error.detail.retryAfterSeconds));
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) } });
    }
    if (error.validation) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: `Invalid request: ${error.message}` } });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: codeFor(error), message: error.message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on the server. It has been logged.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    const message = `No route for ${request.method} ${request.url.split('?')[0]}.`;
    if (wantsJson(request.url)) return reply.code(404).send({ error: { code: 'not_found', message } });
    return reply.code(404).type('text/plain; charset=utf-8').send(`404 — ${message}`);
  });
});

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
