import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { strictCspDirectives } from './csp.js';

export interface SecurityHeadersOptions {
  /** Origins forms may post to besides 'self'. */
  formActionOrigins: string[];
  /** https origins get HSTS and upgrade-insecure-requests; http://localhost must not (it would break other local projects). */
  https: boolean;
}

/**
 * What a helmet middleware does to every response, recorded once. With static options (the lab's: no per-request CSP
 * nonce) it sets the same headers each time, so replaying the list costs the header writes and not helmet's
 * dozen middleware calls per request.
 */
export function recordHelmet(middleware: ReturnType<typeof helmet>): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const response = {
    setHeader: (name: string, value: unknown) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void remove.push(name),
  };
  let done = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously; its headers cannot be recorded');
  return { set, remove };
}

/**
 * helmet's headers (strict CSP without inline script, nosniff, no framing, ...) and `Cache-Control: no-store` on
 * everything but the static assets. helmet runs once, at start-up (recordHelmet): @fastify/helmet 13 builds its
 * middleware again for every request, re-parsing the CSP (what that cost: docs/benchmark.md).
 */
export const securityHeadersPlugin = fp<SecurityHeadersOptions>(async (app: FastifyInstance, options) => {
  const headers = recordHelmet(
    helmet({
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
    }),
  );
  // Set on the raw response so that replies handed to oidc-provider (reply.hijack) get them too. Authentication
  // pages and the API must never be served from a cache; only the static assets may be.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/assets/')) reply.raw.setHeader('Cache-Control', 'no-store');
    for (const name of headers.remove) reply.raw.removeHeader(name);
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    done();
  });
});
