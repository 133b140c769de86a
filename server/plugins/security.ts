import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { securityHeadersPlugin } from './security-headers.js';

export interface SecurityOptions {
  /** Every origin the lab is reached at (PUBLIC_ORIGIN). */
  publicOrigins: string[];
  /** Every one of them is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Extra origins forms may post from (the mock identity providers' origin). */
  formActionOrigins: string[];
}

/** Headers, cache rules and the cross-site request check that every route gets. */
export const securityPlugin = fp<SecurityOptions>(async (app: FastifyInstance, options) => {
  // Every route of the lab replies through Fastify (none hands its response to another library).
  await app.register(securityHeadersPlugin, {
    formActionOrigins: options.formActionOrigins,
    https: options.https,
    via: 'reply',
  });

  // Cross-site state changes are refused: a browser always sends Origin on a cross-site POST.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== 'null' && !options.publicOrigins.includes(origin)) {
      throw new ApiError(
        403,
        'cross_origin_request',
        `Requests from ${origin} are not accepted; this lab runs at ${options.publicOrigins.join(', ')}.`,
      );
    }
    if (origin === 'null')
      throw new ApiError(403, 'cross_origin_request', 'Requests from an opaque origin are not accepted.');
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
});

/**
 * For routes whose GETs are acts with consequences (the support console's look-ups are audited under the staff
 * member's name): a request another site caused is refused, reads included. The cross-site check above covers only
 * state-changing methods, and SameSite=Lax still sends the session cookie on a top-level navigation. Fetch metadata
 * (`Sec-Fetch-Site`) says who caused the request; `none` is the user's own typing or bookmark. A request without it is
 * let through: browsers send it only to secure addresses (https, localhost, loopback), so on a plain-http network
 * address this check is off (docs/security.md, "Fallback logins").
 */
export async function refuseOtherSites(request: FastifyRequest) {
  if (!causedByAnotherSite(request)) return;
  throw new ApiError(403, 'cross_site_request', 'This request was made by another site; open the console itself.');
}

/** Fetch metadata says another site (or another origin of this site) caused the request; see refuseOtherSites. */
export function causedByAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return !(site === undefined || site === 'same-origin' || site === 'none');
}
