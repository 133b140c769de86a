import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { strictCspDirectives } from './csp.js';

export interface SecurityHeadersOptions {
  /** Origins forms may post to besides 'self'. */
  formActionOrigins: string[];
  /** https origins get HSTS and upgrade-insecure-requests; http://localhost must not (it would break other local projects). */
  https: boolean;
}

/**
 * helmet's headers (strict CSP without inline script, nosniff, no framing, ...) and `Cache-Control: no-store` on
 * everything but the static assets. helmet's middleware is built once: @fastify/helmet 13 builds it again for every
 * request, re-parsing the CSP (what that cost: docs/benchmark.md).
 */
export const securityHeadersPlugin = fp<SecurityHeadersOptions>(async (app: FastifyInstance, options) => {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: strictCspDirectives({
        formActionOrigins: options.formActionOrigins,
        upgradeInsecureRequests: options.https,
      }),
    },
    strictTransportSecurity: options.https,
    // same-origin, not no-referrer: with no-referrer Chrome sends "Origin: null" on the lab's own form posts,
    // which the cross-site check refuses. Nothing leaks to other sites either way.
    referrerPolicy: { policy: 'same-origin' },
  });
  // Set on the raw response so that replies handed to oidc-provider (reply.hijack) get them too. Authentication
  // pages and the API must never be served from a cache; only the static assets may be.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/assets/')) reply.raw.setHeader('Cache-Control', 'no-store');
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
});
