import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { strictCspDirectives } from './csp.js';

export interface SecurityHeadersOptions {
  /** Origins forms may post to besides 'self'. */
  formActionOrigins: string[];
  /** https origins get HSTS and upgrade-insecure-requests; http://localhost must not (other local sites break). */
  https: boolean;
  /**
   * Where the headers are written. 'raw' (the default): on Node's response, so that a reply handed to another library
   * (the mock providers give theirs to oidc-provider with reply.hijack) carries them too. 'reply': through Fastify's
   * reply, for a server whose routes all reply through Fastify (the lab). Node then writes the head in one pass;
   * a header set on the raw response makes it set every header of the reply one by one first.
   */
  via?: 'raw' | 'reply';
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
  // Authentication pages and the API must never be served from a cache; only the static assets may be.
  const noStore = (request: FastifyRequest) => !request.url.startsWith('/assets/');
  if (options.via === 'reply') {
    const forAssets = Object.fromEntries(headers.set);
    const forTheRest = { 'Cache-Control': 'no-store', ...forAssets };
    app.addHook('onRequest', (request, reply, done) => {
      for (const name of headers.remove) reply.raw.removeHeader(name);
      reply.headers(noStore(request) ? forTheRest : forAssets);
      done();
    });
    return;
  }
  app.addHook('onRequest', (request, reply, done) => {
    if (noStore(request)) reply.raw.setHeader('Cache-Control', 'no-store');
    for (const name of headers.remove) reply.raw.removeHeader(name);
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    done();
  });
});
