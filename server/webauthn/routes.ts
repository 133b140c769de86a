import type { FastifyInstance } from 'fastify';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { ceremonyRateLimits } from '../plugins/ceremony-limits.js';
import { authenticationRoutes } from './authentication-routes.js';
import { failureRoute } from './failure-route.js';
import { registrationRoutes } from './registration-routes.js';

export interface WebAuthnRouteOptions {
  config: Config;
  repos: Repositories;
  /** Keys the fake allow lists for unknown names, and the hash of source addresses: both only need to be secret. */
  fakeCredentialKey: string;
}

export interface CeremonyRouteOptions extends WebAuthnRouteOptions {
  /** One set of limits for the four ceremony routes: a registration and a login count against the same allowance. */
  limits: ReturnType<typeof ceremonyRateLimits>;
}

/** The passkey ceremonies: /api/registration/*, /api/authentication/* (and the failure report of a login). */
export async function webauthnRoutes(app: FastifyInstance, opts: WebAuthnRouteOptions) {
  const limits = ceremonyRateLimits(app, opts.config.rateLimitPerMinute);
  await app.register(registrationRoutes, { ...opts, limits });
  await app.register(authenticationRoutes, { ...opts, limits });
  await app.register(failureRoute, opts);
}
