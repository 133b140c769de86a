import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { strictCspDirectives } from './csp.js';

export interface SecurityOptions {
  publicOrigin: string;
  /** Extra origins forms may post from (the mock identity providers' origin). */
  formActionOrigins: string[];
}

/** Headers, cache rules and the cross-site request check that every route gets. */
export const securityPlugin = fp<SecurityOptions>(async (app: FastifyInstance, options) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: strictCspDirectives({
        formActionOrigins: options.formActionOrigins,
        upgradeInsecureRequests: options.publicOrigin.startsWith('https:'),
      }),
    },
    // The lab is served on http://localhost in development; HSTS there would break other local projects.
    strictTransportSecurity: options.publicOrigin.startsWith('https:'),
    // same-origin, not no-referrer: with no-referrer Chrome sends "Origin: null" on the lab's own form posts,
    // which the cross-site check below would refuse. Nothing leaks to other sites either way.
    referrerPolicy: { policy: 'same-origin' },
  });

  // Authentication pages and the API must never be served from a cache.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/assets/')) reply.header('Cache-Control', 'no-store');
  });

  // Cross-site state changes are refused: a browser always sends Origin on a cross-site POST.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== options.publicOrigin && origin !== 'null') {
      throw new ApiError(403, 'cross_origin_request', `Requests from ${origin} are not accepted; this lab runs at ${options.publicOrigin}.`);
    }
    if (origin === 'null') throw new ApiError(403, 'cross_origin_request', 'Requests from an opaque origin are not accepted.');
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
});
