import type { FastifyInstance } from 'fastify';
import { ceremonyRateLimits } from '../plugins/ceremony-limits.js';
import { authenticationRoutes } from './authentication-routes.js';
import { failureRoute } from './failure-route.js';
import { registrationRoutes } from './registration-routes.js';
import type { WebAuthnRouteOptions } from './route-options.js';

/** The passkey ceremonies: /api/registration/*, /api/authentication/* (and the failure report of a login). */
export async function webauthnRoutes(app: FastifyInstance, opts: WebAuthnRouteOptions) {
  const limits = ceremonyRateLimits(app, opts.config.rateLimitPerMinute);
  await app.register(registrationRoutes, { ...opts, limits });
  await app.register(authenticationRoutes, { ...opts, limits });
  await app.register(failureRoute, opts);
}
